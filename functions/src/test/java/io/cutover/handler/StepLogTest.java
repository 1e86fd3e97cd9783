package io.cutover.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.handler.promote.ValidateInputHandler;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
        assertTrue(line.path("useCaseMillis").asText().matches("\\d+"), "time in the use case: " + line);
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

    /**
     * What the action logged, formatted by the layout the Lambda's configuration gives its stdout
     * appender (src/main/resources/log4j2.xml), one JSON object a line (a line that is not JSON
     * fails the test).
     */
    private static List<JsonNode> logged(Action action) throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Layout<? extends Serializable> layout = context.getConfiguration().getAppender("Stdout").getLayout();
        assertEquals("JsonTemplateLayout", layout.getClass().getSimpleName());
        List<String> written = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                written.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
            }
        };
        capture.start();
        LoggerConfig steps = context.getConfiguration().getLoggerConfig("io.cutover");
        steps.addAppender(capture, null, null);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            steps.removeAppender("capture");
            context.updateLoggers();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written) lines.add(Json.mapper().readTree(line));
        assertFalse(lines.isEmpty(), "nothing logged");
        return lines;
    }
}
