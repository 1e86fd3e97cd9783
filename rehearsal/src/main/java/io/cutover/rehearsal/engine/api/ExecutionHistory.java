package io.cutover.rehearsal.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.rehearsal.engine.ExecutionEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An execution's events as {@code GetExecutionHistory} returns them: AWS's event types
 * ({@code TaskStateEntered}, {@code TaskScheduled}, {@code TaskStarted}, {@code TaskSubmitted},
 * {@code TaskSucceeded}/{@code TaskFailed}/{@code TaskTimedOut}, {@code TaskStateExited},
 * {@code ChoiceStateEntered}, {@code WaitStateEntered}, ..., {@code ExecutionSucceeded}/{@code Failed}/
 * {@code Aborted}/{@code TimedOut}) and members ({@code <type>EventDetails}, ids, previousEventId,
 * timestamps in epoch seconds), in the order AWS records them: ids from 1; previousEventId 0 for
 * ExecutionStarted and the first state, else the event before; a Task's retry is a new TaskScheduled
 * without a new StateEntered; a caught failure ends with the state's StateExited carrying the
 * catcher's output (the engine's own StateExited after a catch); an uncaught one goes straight to
 * ExecutionFailed. Not produced: Parallel/Map
 * branch bookkeeping events other than MapIteration*.
 */
public final class ExecutionHistory {

    /** What the history needs besides the engine's events. */
    public record Execution(String roleArn, String input, List<ExecutionEvent> events, String stopError, String stopCause) {
    }

    private final List<ObjectNode> events = new ArrayList<>();
    private long previous;

    private ExecutionHistory() {
    }

    /** The history of an execution, oldest event first. */
    public static List<ObjectNode> of(Execution execution) {
        ExecutionHistory h = new ExecutionHistory();
        h.translate(execution);
        return List.copyOf(compact(h.events));
    }

    private void translate(Execution x) {
        List<ExecutionEvent> in = x.events();
        Map<String, String> scheduled = new java.util.HashMap<>(); // state -> resource kind of its current attempt
        Map<String, JsonNode> resources = new java.util.HashMap<>();
        for (ExecutionEvent e : in) {
            JsonNode details = e.raw().path("details");
            switch (e.type()) {
                case "ExecutionStarted" -> {
                    ObjectNode d = add(e.at(), "ExecutionStarted");
                    d.put("input", x.input()).set("inputDetails", notTruncated());
                    d.put("roleArn", x.roleArn());
                    previous = 0; // AWS: the first state's previousEventId is 0 too
                }
                case "StateEntered" -> {
                    scheduled.remove(e.state());
                    add(e.at(), kind(e.stateType()) + "StateEntered").put("name", e.state())
                            .put("input", text(e.input())).set("inputDetails", notTruncated());
                }
                case "StateExited" -> {
                    if (!"Fail".equals(e.stateType())) exited(e.at(), e.state(), e.stateType(), e.output());
                }
                case "StateRetry" -> scheduled.remove(e.state());
                case "StateFailed" -> {
                    String kind = scheduled.remove(e.state());
                    if (kind == null) continue; // failed before anything was called: AWS records no task event
                    boolean timedOut = "States.Timeout".equals(e.error()) || "States.HeartbeatTimeout".equals(e.error());
                    ObjectNode d;
                    if ("lambda-arn".equals(kind)) {
                        d = add(e.at(), timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed");
                    } else {
                        d = add(e.at(), timedOut ? "TaskTimedOut" : "TaskFailed");
                        d.setAll((ObjectNode) resources.get(e.state()).deepCopy());
                    }
                    if (e.error() != null) d.put("error", e.error());
                    if (e.cause() != null) d.put("cause", e.cause());
                }
                case "TaskScheduled", "LambdaFunctionScheduled" -> {
                    scheduled.put(e.state(), "TaskScheduled".equals(e.type()) ? "task" : "lambda-arn");
                    ObjectNode resource = Json.mapper().createObjectNode();
                    if (details.has("resourceType")) resource.put("resourceType", details.get("resourceType").asText());
                    if (details.has("resource")) resource.put("resource", details.get("resource").asText());
                    resources.put(e.state(), resource);
                    withDetails(e, details);
                }
                case "TaskStarted", "TaskSubmitted", "TaskSucceeded", "LambdaFunctionStarted", "LambdaFunctionSucceeded" -> {
                    if (e.type().endsWith("Succeeded")) scheduled.remove(e.state());
                    withDetails(e, details);
                }
                case "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed" ->
                        add(e.at(), e.type()).put("name", e.state()).put("index", e.index() == null ? 0 : e.index());
                case "ExecutionSucceeded" ->
                        add(e.at(), "ExecutionSucceeded").put("output", text(e.output())).set("outputDetails", notTruncated());
                case "ExecutionFailed", "ExecutionTimedOut" -> {
                    ObjectNode d = add(e.at(), e.type());
                    if (e.error() != null) d.put("error", e.error());
                    if (e.cause() != null) d.put("cause", e.cause());
                }
                case "ExecutionAborted" -> {
                    ObjectNode d = add(e.at(), "ExecutionAborted");
                    if (x.stopError() != null) d.put("error", x.stopError());
                    if (x.stopCause() != null) d.put("cause", x.stopCause());
                }
                default -> {
                    // ParallelBranch* and anything else: not in AWS's history
                }
            }
        }
    }

    private void exited(Instant at, String state, String stateType, JsonNode output) {
        add(at, kind(stateType) + "StateExited").put("name", state).put("output", text(output))
                .set("outputDetails", notTruncated());
    }

    private void withDetails(ExecutionEvent e, JsonNode details) {
        ObjectNode d = add(e.at(), e.type());
        if (details.isObject()) d.setAll((ObjectNode) details.deepCopy());
    }

    /** Appends an event and returns its (empty) details object, {@code <type>EventDetails}; details without members are dropped. */
    private ObjectNode add(Instant at, String type) {
        ObjectNode event = Json.mapper().createObjectNode();
        long id = events.size() + 1L;
        event.put("timestamp", epochSeconds(at)).put("type", type).put("id", id).put("previousEventId", previous);
        previous = id;
        events.add(event);
        ObjectNode details = Json.mapper().createObjectNode();
        event.set(detailsKey(type), details);
        return details;
    }

    /** {@code TaskStateEntered} -> {@code stateEnteredEventDetails}, {@code TaskFailed} -> {@code taskFailedEventDetails}. */
    static String detailsKey(String type) {
        String base = type.matches("[A-Za-z]+State(Entered|Exited)") ? type.replaceFirst("^[A-Za-z]+State", "state") : type;
        return Character.toLowerCase(base.charAt(0)) + base.substring(1) + "EventDetails";
    }

    /** Drops the details objects left empty (AWS has none for e.g. LambdaFunctionStarted). */
    private static List<ObjectNode> compact(List<ObjectNode> events) {
        for (ObjectNode e : events) {
            String key = detailsKey(e.path("type").asText());
            if (e.path(key).isEmpty()) e.remove(key);
        }
        return events;
    }

    private static String kind(String stateType) {
        return stateType == null ? "Task" : stateType;
    }

    private static String text(JsonNode value) {
        return value == null ? "null" : value.toString();
    }

    private static ObjectNode notTruncated() {
        return Json.mapper().createObjectNode().put("truncated", false);
    }

    /** JSON 1.0 protocol timestamps: epoch seconds with milliseconds. */
    public static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3);
    }
}
