package io.cutover.rehearsal.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the harness's own node unit tests (statemachines/engine/*.test.mjs) as part of the Maven build. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineHarnessUnitTest {

    @Test
    void nodeUnitTestsOfTheDefinitionPreparationPass() throws Exception {
        Path root = StepFunctionsEngine.locateProjectRoot();
        Process p = new ProcessBuilder(StepFunctionsEngine.locateNode(), "--test", "engine/")
                .directory(root.resolve("statemachines").toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("# fail 0") && !out.contains("# pass 0"), out);
    }
}
