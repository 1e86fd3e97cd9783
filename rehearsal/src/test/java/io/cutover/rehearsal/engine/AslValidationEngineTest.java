package io.cutover.rehearsal.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's test definitions pass asl-validator 4.0.0 (its CLI: {@code asl-validator --json-path FILE
 * [--json-path FILE ...]}, exit code 1 on any invalid file). By hand: {@code cd statemachines && npm run validate}
 * checks statemachines/*.asl.json.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AslValidationEngineTest {

    record Run(int exitCode, String output) {
    }

    static Run aslValidator(List<Path> files) throws IOException, InterruptedException {
        Path root = StepFunctionsEngine.locateProjectRoot();
        List<String> cmd = new ArrayList<>(List.of(StepFunctionsEngine.locateNode(),
                root.resolve("statemachines/node_modules/asl-validator/dist/bin/asl-validator.js").toString()));
        for (Path f : files) {
            cmd.add("--json-path");
            cmd.add(f.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void theEngineTestDefinitionsAreValidAsl() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("invoke", "errors", "callback", "timeout", "heartbeat", "loop", "jsonata", "assign")) {
            files.add(StepFunctionsEngineTest.asl(name + ".asl.json"));
        }
        Run r = aslValidator(files);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(files.size(), r.output().lines().filter(l -> l.contains("is valid")).count(), r.output());
    }

    @Test
    void anInvalidDefinitionIsReported() throws Exception {
        Path bad = Files.createTempFile("bad-", ".asl.json");
        try {
            Files.writeString(bad, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}");
            Run r = aslValidator(List.of(bad));
            assertNotEquals(0, r.exitCode());
            assertTrue(r.output().contains("MISSING_TRANSITION_TARGET"), r.output());
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
