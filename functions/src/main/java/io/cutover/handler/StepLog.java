package io.cutover.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.time.Instant;

/**
 * One JSON line per step outcome on stdout (CloudWatch Logs in AWS). Only ids, names and
 * messages: the execution state carries no secrets, and neither do these lines.
 */
public final class StepLog {
    private StepLog() {
    }

    public static void info(String runId, String step, String outcome, String detail) {
        write("INFO", runId, step, outcome, detail);
    }

    public static void error(String runId, String step, Throwable e) {
        write("ERROR", runId, step, "failed", e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static void write(String level, String runId, String step, String outcome, String detail) {
        if (Boolean.getBoolean("cutover.quietSteps")) return;
        ObjectNode line = Json.mapper().createObjectNode()
                .put("timestamp", Instant.now().toString())
                .put("level", level)
                .put("runId", runId)
                .put("step", step)
                .put("outcome", outcome);
        if (detail != null) line.put("detail", detail);
        System.out.println(line);
    }
}
