package io.cutover.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.handler.promote.ValidateInputHandler;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step's log lines as the Lambda writes them (src/main/resources/log4j2.xml): JSON with the step's fields. */
class StepLogTest {
    private static final Context CONTEXT = (Context) Proxy.newProxyInstance(StepLogTest.class.getClassLoader(),
            new Class<?>[]{Context.class}, (proxy, method, args) ->
                    "getAwsRequestId".equals(method.getName()) ? "3f2c8a9e-request" : null);

    @Test
    void aStepLogsOneJsonLineWithRunIdStepExecutionAndRequestId() throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode().put("executionName", "orders-cutover-7");
        payload.set("input", SampleEvents.load("start-postgres.json"));

        List<JsonNode> lines = logged(() -> new ValidateInputHandler().handleRequest(
                new ByteArrayInputStream(Json.mapper().writeValueAsBytes(payload)), new ByteArrayOutputStream(), CONTEXT));

        JsonNode line = lines.stream().filter(l -> "ValidateInput".equals(l.path("step").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no line with step ValidateInput in " + lines));
        assertEquals("INFO", line.path("level").asText());
        assertEquals("orders-cutover-7", line.path("runId").asText());
        assertEquals("orders-cutover-7", line.path("executionName").asText());
        assertEquals("3f2c8a9e-request", line.path("requestId").asText());
        assertEquals("succeeded", line.path("outcome").asText());
        assertTrue(line.path("timestamp").asText().endsWith("Z"), line.toString());
    }

    @Test
    void aRefusedPasswordIsNamedButNeverLogged() throws Exception {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        ((ObjectNode) input.get("source")).put("password", "hunter2-do-not-log");
        ObjectNode payload = Json.mapper().createObjectNode().put("executionName", "orders-cutover-8");
        payload.set("input", input);

        List<JsonNode> lines = logged(() -> assertThrows(InvalidInput.class, () -> new ValidateInputHandler().handleRequest(
                new ByteArrayInputStream(Json.mapper().writeValueAsBytes(payload)), new ByteArrayOutputStream(), null)));

        JsonNode failed = lines.stream().filter(l -> "failed".equals(l.path("outcome").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no failure line in " + lines));
        assertEquals("ERROR", failed.path("level").asText());
        assertEquals("orders-cutover-8", failed.path("runId").asText());
        assertTrue(failed.path("message").asText().contains("source.password"), failed.toString());
        assertFalse(lines.toString().contains("hunter2"), "the password value reached the log: " + lines);
    }

    private interface Action {
        void run() throws Exception;
    }

    /** What the action wrote on stdout, one JSON object a line (a line that is not JSON fails the test). */
    private static List<JsonNode> logged(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) lines.add(Json.mapper().readTree(line));
        }
        assertFalse(lines.isEmpty(), "nothing logged");
        return lines;
    }
}
