package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.catalog.HandlerGroup;
import io.cutover.catalog.Invocation;
import io.cutover.catalog.Step;
import io.cutover.catalog.StepCatalog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is deployed is what the local engine runs: every statemachines/*.asl.json is deployed
 * byte for byte, every placeholder is substituted with the alias of the matching handler, and
 * asl-validator accepts every file.
 */
class AslDefinitionsTest {
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static Synthesized s;
    private static List<AslDefinition> definitions;

    @BeforeAll
    static void synth() {
        s = Synthesized.get();
        definitions = AslDefinition.discover(s.layout.stateMachines());
    }

    @Test
    void everyAslFileIsDiscoveredWithItsPlaceholders() throws IOException {
        try (var files = Files.list(s.layout.stateMachines())) {
            Set<String> onDisk = new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".asl.json")).toList());
            Set<String> discovered = new TreeSet<>(definitions.stream()
                    .map(d -> d.file().getFileName().toString()).toList());
            assertEquals(onDisk, discovered);
        }
        assertTrue(definitions.stream().anyMatch(d -> d.name().equals("promote-replica")));
        for (AslDefinition d : definitions) {
            assertFalse(d.placeholders().isEmpty(), d.name());
            Set<String> inFile = new TreeSet<>();
            Matcher m = ANY_PLACEHOLDER.matcher(d.content());
            while (m.find()) inFile.add(m.group(1));
            assertEquals(inFile, new TreeSet<>(d.placeholders()), d.name());
        }
    }

    @Test
    void deployedDefinitionIsTheFileByteForByteWithEveryPlaceholderSubstituted() {
        for (AslDefinition d : definitions) {
            JsonNode p = s.resource(d.pascalName() + "StateMachine").get("Properties");
            assertEquals(d.content(), p.get("DefinitionString").asText(),
                    d.name() + ": the deployed definition must be the file itself (inline, no CDK rewriting)");
            JsonNode substitutions = p.get("DefinitionSubstitutions");
            Set<String> keys = new TreeSet<>();
            substitutions.fieldNames().forEachRemaining(keys::add);
            assertEquals(new TreeSet<>(d.placeholders()), keys, d.name() + ": every placeholder, nothing else");

            for (String placeholder : d.placeholders()) {
                String step = AslDefinition.stepOf(placeholder);
                // ${XFunctionArn} -> the live alias of the function with step X's handler from the catalog.
                String aliasId = Synthesized.referenced(substitutions.get(placeholder));
                JsonNode alias = s.resource(aliasId);
                assertEquals("AWS::Lambda::Alias", alias.get("Type").asText(), placeholder);
                assertEquals(StepLambdas.ALIAS_NAME, alias.at("/Properties/Name").asText());
                String functionId = alias.at("/Properties/FunctionName/Ref").asText();
                assertEquals(StepCatalog.require(step, "test").handlerMethod(),
                        s.resource(functionId).at("/Properties/Handler").asText(), placeholder);
            }
        }
    }

    @Test
    void substitutedDefinitionDiffersFromTheFileOnlyInFunctionArns() throws IOException {
        for (AslDefinition d : definitions) {
            JsonNode substitutions = s.resource(d.pascalName() + "StateMachine").at("/Properties/DefinitionSubstitutions");
            // What CloudFormation does at deploy time, with a plausible alias ARN per reference.
            Map<String, String> values = new LinkedHashMap<>();
            for (String placeholder : d.placeholders()) {
                String function = s.resource(Synthesized.referenced(substitutions.get(placeholder)))
                        .at("/Properties/FunctionName/Ref").asText();
                values.put(placeholder, "arn:aws:lambda:eu-west-1:123456789012:function:" + function + ":live");
            }
            String deployed = d.content();
            for (Map.Entry<String, String> e : values.entrySet()) {
                deployed = deployed.replace("${" + e.getKey() + "}", e.getValue());
            }
            assertFalse(ANY_PLACEHOLDER.matcher(deployed).find(), d.name() + ": unsubstituted placeholder left");

            JsonNode original = Synthesized.JSON.readTree(d.content());
            JsonNode substituted = Synthesized.JSON.readTree(deployed);
            List<String> lambdaTasks = new ArrayList<>();
            collectLambdaTasks(substituted.get("States"), lambdaTasks);
            assertFalse(lambdaTasks.isEmpty());
            for (String fn : lambdaTasks) {
                assertTrue(values.containsValue(fn), d.name() + ": a Lambda task calls " + fn + ", not a step alias");
            }
            // Put the placeholders back: the structures must be identical.
            String restored = deployed;
            for (Map.Entry<String, String> e : values.entrySet()) {
                restored = restored.replace(e.getValue(), "${" + e.getKey() + "}");
            }
            assertEquals(original, Synthesized.JSON.readTree(restored));
            assertEquals(d.content(), restored);
        }
    }

    @Test
    void eachStateMachineMayInvokeExactlyItsStepAliases() {
        for (AslDefinition d : definitions) {
            String role = Synthesized.referenced(s.resource(d.pascalName() + "StateMachine").at("/Properties/RoleArn"));
            Set<String> invokable = new TreeSet<>();
            for (JsonNode policy : s.resources("AWS::IAM::Policy").values()) {
                boolean attached = false;
                for (JsonNode r : policy.at("/Properties/Roles")) attached |= role.equals(Synthesized.referenced(r));
                if (!attached) continue;
                for (JsonNode st : policy.at("/Properties/PolicyDocument/Statement")) {
                    if (!Synthesized.texts(st.get("Action")).contains("lambda:InvokeFunction")) continue;
                    for (JsonNode res : st.get("Resource").isArray() ? st.get("Resource") : List.of(st.get("Resource"))) {
                        invokable.add(Synthesized.referenced(res));
                    }
                }
            }
            Set<String> expected = new TreeSet<>();
            for (String step : d.steps()) {
                expected.add(String.valueOf(s.stack.resolve(((software.amazon.awscdk.CfnElement)
                        s.stack.lambdas.step(step).alias().getNode().getDefaultChild()).getLogicalId())));
            }
            assertEquals(expected, invokable, d.name());
        }
    }

    @Test
    void aslValidatorAcceptsEveryFile() throws Exception {
        Path root = s.layout.root();
        Path validatorDir = root.resolve("statemachines/node_modules/asl-validator");
        if (!Files.isDirectory(validatorDir)) {
            Path pkg = root.resolve("statemachines/package.json");
            boolean declared = Files.isRegularFile(pkg) && Files.readString(pkg).contains("\"asl-validator\"");
            if (declared) {
                throw new AssertionError("asl-validator is declared in statemachines/package.json but not installed: "
                        + "run `npm ci` in statemachines/ (the root pom's validate phase does it)");
            }
            Assumptions.abort("asl-validator is not declared in statemachines/package.json yet");
        }
        JsonNode pkg = Synthesized.JSON.readTree(validatorDir.resolve("package.json").toFile());
        JsonNode bin = pkg.get("bin");
        String binPath = bin.isTextual() ? bin.asText() : bin.get("asl-validator").asText();
        Path cli = validatorDir.resolve(binPath).normalize();
        for (AslDefinition d : definitions) {
            Process process = new ProcessBuilder("node", cli.toString(), "--json-path", d.file().toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "asl-validator timed out on " + d.file());
            assertEquals(0, process.exitValue(), "asl-validator rejects " + d.file() + ":\n" + output);
        }
    }

    @Test
    void catalogStepWithoutItsHandlerClassInTheJarFailsTheSynthClearly() {
        Step missing = new Step("NoSuchStep", HandlerGroup.PROMOTE_REPLICA, "NoSuchStepHandler", "io.cutover.promote.Rollback",
                "test", 512, 30, false, Invocation.STATE_MACHINE, List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StepLambdas.requireHandlers(
                s.layout.lambdaJar(), List.of(StepCatalog.require("PromoteReplica", "test"), missing)));
        assertTrue(e.getMessage().contains("NoSuchStep -> " + missing.handlerClass())
                && e.getMessage().contains("io.cutover.catalog.StepCatalog"), e.getMessage());
        assertFalse(e.getMessage().contains("PromoteReplicaHandler"), e.getMessage());
    }

    @Test
    void everyStateMachineStepOfTheCatalogIsCalledByAnAslFile() {
        Set<String> called = new TreeSet<>();
        definitions.forEach(d -> called.addAll(d.steps()));
        Set<String> catalog = new TreeSet<>();
        StepCatalog.all().stream().filter(st -> st.invocation() == Invocation.STATE_MACHINE)
                .forEach(st -> catalog.add(st.name()));
        assertEquals(catalog, called);
    }

    @Test
    void catalogStepNoAslFileCallsFailsTheSynthClearly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("promote-replica.asl.json"), "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":"
                + "\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":"
                + "\"${ValidateInputFunctionArn}\"},\"End\":true}}}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CutoverStack.deployedSteps(AslDefinition.discover(dir)));
        assertTrue(e.getMessage().contains("PromoteReplica") && e.getMessage().contains("no ASL file")
                && !e.getMessage().matches("(?s).*[ ,]ValidateInput[, ].*"), e.getMessage());
    }

    @Test
    void stepWithoutACatalogEntryFailsTheSynthClearly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("switchover.asl.json");
        ObjectNode asl = Synthesized.JSON.createObjectNode();
        asl.put("StartAt", "A");
        ObjectNode a = asl.putObject("States").putObject("A");
        a.put("Type", "Task").put("Resource", "arn:aws:states:::lambda:invoke").put("End", true);
        a.putObject("Parameters").put("FunctionName", "${DrainHeartbeatFunctionArn}");
        Files.writeString(file, asl.toPrettyString());
        List<AslDefinition> defs = AslDefinition.discover(dir);
        assertEquals(List.of("DrainHeartbeat"), defs.get(0).steps());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CutoverStack.deployedSteps(defs));
        assertTrue(e.getMessage().contains("DrainHeartbeat") && e.getMessage().contains("switchover.asl.json")
                && e.getMessage().contains("io.cutover.catalog.StepCatalog"), e.getMessage());
    }

    @Test
    void onlyFunctionArnPlaceholdersAreAllowed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("odd.asl.json");
        Files.writeString(file, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":\"${TableName}\",\"End\":true}}}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AslDefinition.read(file));
        assertTrue(e.getMessage().contains("${TableName}"), e.getMessage());
        assertEquals("PromoteReplica", new AslDefinition("promote-replica", file, "{}", List.of()).pascalName());
    }

    /** FunctionName of every lambda:invoke task, in nested Parallel branches and Map iterators too. */
    private static void collectLambdaTasks(JsonNode states, List<String> out) {
        for (Iterator<JsonNode> it = states.elements(); it.hasNext(); ) {
            JsonNode state = it.next();
            String resource = state.path("Resource").asText("");
            if (resource.startsWith("arn:aws:states:::lambda:invoke")) {
                out.add(state.at("/Parameters/FunctionName").asText());
            }
            for (JsonNode branch : state.path("Branches")) collectLambdaTasks(branch.get("States"), out);
            JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
            if (processor != null) collectLambdaTasks(processor.get("States"), out);
        }
    }
}
