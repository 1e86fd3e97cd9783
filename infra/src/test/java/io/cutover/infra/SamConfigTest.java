package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** samconfig.toml points at what `cdk synth` writes and at sample events that exist. */
class SamConfigTest {
    private static final Pattern SETTING = Pattern.compile("^\\s*([a-z_]+)\\s*=\\s*\"([^\"]*)\"\\s*$", Pattern.MULTILINE);
    private static Synthesized s;
    private static String config;

    @BeforeAll
    static void read() throws IOException {
        s = Synthesized.get();
        config = Files.readString(s.layout.root().resolve("samconfig.toml"));
    }

    private static List<String> values(String key) {
        List<String> out = new ArrayList<>();
        Matcher m = SETTING.matcher(config);
        while (m.find()) if (m.group(1).equals(key)) out.add(m.group(2));
        return out;
    }

    @Test
    void templateIsTheSynthesizedStack() {
        List<String> templates = values("template_file");
        assertFalse(templates.isEmpty());
        for (String t : templates) assertEquals("cdk.out/" + s.stack.getStackName() + ".template.json", t);
        assertEquals(List.of(s.stack.getStackName()), values("stack_name"));
    }

    @Test
    void eventsAndEnvFilesExist() throws IOException {
        Path root = s.layout.root();
        List<String> events = values("event");
        assertTrue(events.containsAll(List.of("events/rds-promotion-available.json", "events/dms-task-running.json")));
        for (String e : events) assertTrue(Files.isRegularFile(root.resolve(e)), e);
        for (String env : values("env_vars")) {
            JsonNode vars = Synthesized.JSON.readTree(root.resolve(env).toFile());
            assertTrue(vars.at("/Parameters/" + Tables.RUNS_TABLE_ENV).isTextual(), env);
            assertTrue(vars.at("/Parameters/" + Tables.APPMAP_TABLE_ENV).isTextual(), env);
        }
        assertTrue(config.contains("events/start-postgres.json"));
    }

    @Test
    void parameterOverridesCoverEveryRequiredParameter() {
        Set<String> required = new TreeSet<>();
        s.json.path("Parameters").fields().forEachRemaining(e -> {
            if (e.getValue().path("Default").isMissingNode()) required.add(e.getKey());
        });
        assertFalse(required.isEmpty());
        for (String overrides : values("parameter_overrides")) {
            Set<String> given = new TreeSet<>();
            for (String pair : overrides.split(" ")) given.add(pair.substring(0, pair.indexOf('=')));
            assertEquals(required, given);
        }
    }

    @Test
    void functionsNamedInTheConfigExist() {
        Matcher m = Pattern.compile("\\b([A-Z][A-Za-z]+Function)\\b").matcher(config);
        int found = 0;
        while (m.find()) {
            assertEquals("AWS::Lambda::Function", s.resource(m.group(1)).get("Type").asText(), m.group(1));
            found++;
        }
        assertTrue(found > 0);
    }
}
