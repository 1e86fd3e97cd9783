package io.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./status --html: the run report page of an AWS run from what the AWS CLI saves (the page in a browser: RunReportPageTest). */
class RunReportCommandTest {

    @TempDir
    Path dir;

    /** An AWS run that froze, failed at Act, rolled back; timestamps as the AWS CLI prints them (ISO 8601). */
    Path history() throws Exception {
        ExecutionGraphTest.History h = new ExecutionGraphTest.History()
                .enter("Task", "FreezeApplications").scheduled().succeeded().exit("Task", "FreezeApplications")
                .enter("Task", "Act").scheduled().failed("io.cutover.failure.StepFailed").exit("Task", "Act")
                .enter("Task", "ThawRollback").scheduled().succeeded().exit("Task", "ThawRollback")
                .enter("Fail", "Undone");
        ObjectNode failed = Json.mapper().createObjectNode().put("type", "ExecutionFailed").put("id", h.events.size() + 1)
                .put("timestamp", new BigDecimal(h.events.size()).movePointLeft(2));
        failed.putObject("executionFailedEventDetails").put("error", "io.cutover.failure.StepFailed")
                .put("cause", "{\"errorMessage\":\"Act failed: <boom> & more\",\"errorType\":\"io.cutover.failure.StepFailed\"}");
        h.events.add(failed);
        ArrayNode events = Json.mapper().createArrayNode();
        for (JsonNode e : h.events) {
            ObjectNode copy = e.deepCopy();
            Instant at = Instant.ofEpochMilli(new BigDecimal(e.path("timestamp").asText()).movePointRight(3).longValue());
            copy.put("timestamp", at.atOffset(java.time.ZoneOffset.ofHours(1)).toString());
            events.add(copy);
        }
        Path file = dir.resolve("history.json");
        Json.mapper().writeValue(file.toFile(), Json.mapper().createObjectNode().set("events", events));
        return file;
    }

    Path definition() throws Exception {
        Path file = dir.resolve("describe-state-machine.json");
        String asl = """
                {"StartAt": "FreezeApplications", "States": {
                  "FreezeApplications": {"Type": "Task", "Resource": "x", "Next": "Act"},
                  "Act": {"Type": "Task", "Resource": "x", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "ThawRollback"}]},
                  "ThawRollback": {"Type": "Task", "Resource": "x", "Next": "Undone"},
                  "Undone": {"Type": "Fail"}}}""";
        Files.writeString(file, Json.mapper().createObjectNode().put("name", "promote-replica").put("definition", asl).toString());
        return file;
    }

    Path statusReport() throws Exception {
        ObjectNode report = Json.mapper().createObjectNode();
        ObjectNode sections = report.putObject("sections");
        ObjectNode run = sections.putObject("run").putObject("content").put("runId", "run-42").put("runbook", "promote-replica")
                .put("position", "0/3000060").put("cause", "Act failed: <boom> & more");
        run.putObject("resources").put("targetEndpointArn", "arn:aws:dms:eu-west-1:123456789012:endpoint:ABC");
        ArrayNode tables = sections.putObject("dmsTableStatistics").putArray("content");
        tables.addObject().put("task", "t").put("schema", "public").put("table", "orders").put("rows", 200)
                .put("validationState", "Validated");
        tables.addObject().put("task", "t").put("schema", "public").put("table", "customers").put("rows", 19)
                .put("validationState", "Mismatched records");
        Path file = dir.resolve("status.json");
        Json.mapper().writeValue(file.toFile(), report);
        return file;
    }

    @Test
    void thePageOfAnAwsRunFromTheSavedHistoryStatusReportAndStateMachine() throws Exception {
        Path page = dir.resolve("out/run-42.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RunReportCommand.run(new String[]{"--report", statusReport().toString(), "--history", history().toString(),
                        "--definition", definition().toString(), "--html", page.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>promote-replica run-42: FAILED</title>"), html);
        assertTrue(html.contains("Act failed: &lt;boom&gt; &amp; more"), "the cause, escaped");
        assertTrue(html.contains("<code>0/3000060</code>"));
        assertTrue(html.contains("arn:aws:dms:eu-west-1:123456789012:endpoint:ABC"));
        assertTrue(html.contains("<tr class=\"ok\"><td>public.orders</td>"));
        assertTrue(html.contains("<tr class=\"bad\"><td>public.customers</td>"));
        assertTrue(html.contains("data-state=\"Act\" data-type=\"Task\" data-outcome=\"caught\""));
        assertTrue(html.contains("data-state=\"Undone\" data-type=\"Fail\" data-outcome=\"failed\""));
        assertTrue(html.contains("id=\"freeze-window\" data-seconds=\"0.080\""), "FreezeApplications end to ThawRollback end");
        assertFalse(html.contains("<script"));
    }

    @Test
    void withoutAHistoryItSaysWhatToGive() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RunReportCommand.run(new String[]{"--report", statusReport().toString(), "--html", dir.resolve("p.html").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--html needs --history"));

        Path notHistory = dir.resolve("not-history.json");
        Files.writeString(notHistory, "{\"executions\": []}");
        err.reset();
        exit = RunReportCommand.run(new String[]{"--history", notHistory.toString(), "--html", dir.resolve("p.html").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not an execution history"), err.toString());
    }
}
