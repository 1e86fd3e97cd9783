package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event of the harness: {@code type} is one of ExecutionStarted, StateEntered, StateExited,
 * StateFailed, StateRetry, StateCaught, MapIterationStarted/Succeeded/Failed,
 * ParallelBranchStarted/Succeeded/Failed, the Task events of AWS's history (TaskScheduled,
 * TaskStarted, TaskSubmitted, TaskSucceeded, LambdaFunctionScheduled/Started/Succeeded; their AWS
 * members under {@code raw.details}), ExecutionSucceeded, ExecutionFailed, ExecutionAborted,
 * ExecutionTimedOut. Fields that do not apply are null; {@code raw} is the whole event.
 */
public record ExecutionEvent(String type, String state, String stateType, Instant at, JsonNode input,
                             JsonNode output, String error, String cause, Integer index, JsonNode raw) {

    public boolean isTerminal() {
        return switch (type) {
            case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> true;
            default -> false;
        };
    }

    static ExecutionEvent of(JsonNode line) {
        return new ExecutionEvent(
                line.path("type").asText(),
                text(line, "state"),
                text(line, "stateType"),
                line.hasNonNull("at") ? Instant.ofEpochMilli(line.get("at").asLong()) : Instant.now(),
                line.get("input"),
                line.get("output"),
                text(line, "error"),
                text(line, "cause"),
                line.hasNonNull("index") ? line.get("index").asInt() : null,
                line);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
