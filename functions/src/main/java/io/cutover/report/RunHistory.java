package io.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution as its Step Functions history tells it ({@code GetExecutionHistory}'s events, as AWS
 * or the local Step Functions returns them; timestamps as epoch seconds or as the ISO 8601 the AWS
 * CLI prints): each visit of a state from entry to exit with how it went, the transitions taken,
 * and how the execution ended.
 */
public final class RunHistory {

    /** How a visit of a state went. */
    public enum VisitOutcome {
        /** exited without a failure */
        SUCCEEDED,
        /** failed, then retried or caught: the run went on */
        RECOVERED,
        /** failed and ended the execution, or a Fail state */
        FAILED,
        /** entered and not left (still running, or the execution was stopped) */
        UNFINISHED
    }

    /** One visit of a state: entered, (retried,) left. {@code end} null while unfinished. */
    public record Visit(String state, String type, Instant start, Instant end, VisitOutcome outcome, String error,
                        int attempts, JsonNode output) {
    }

    private final List<Visit> visits = new ArrayList<>();
    private final Map<String, Integer> transitions = new LinkedHashMap<>();
    private Instant started;
    private Instant ended;
    private String status = "RUNNING";
    private String error;
    private String cause;

    private RunHistory() {
    }

    /** From the events (oldest first), e.g. {@code aws stepfunctions get-execution-history ... > history.json}'s {@code events}. */
    public static RunHistory of(Iterable<? extends JsonNode> events) {
        RunHistory h = new RunHistory();
        h.read(events);
        return h;
    }

    /** A saved {@code get-execution-history} output ({@code {"events": [...]}}) or the bare list of events. */
    public static RunHistory read(java.nio.file.Path file) throws IOException {
        JsonNode json = Json.mapper().readTree(file.toFile());
        JsonNode events = json.isArray() ? json : json.path("events");
        if (!events.isArray() || events.isEmpty() || !events.get(0).has("type")) {
            throw new IllegalArgumentException(file + " is not an execution history (get-execution-history output: {\"events\": [...]})");
        }
        return of(events);
    }

    private static final class Open {
        final String state;
        final String type;
        final Instant start;
        String error;
        boolean recovered;
        int attempts;

        Open(String state, String type, Instant start) {
            this.state = state;
            this.type = type;
            this.start = start;
        }
    }

    private void read(Iterable<? extends JsonNode> events) {
        Open open = null;
        String previous = null;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            Instant at = timestamp(e.path("timestamp"));
            if (type.endsWith("StateEntered")) {
                JsonNode d = e.path("stateEnteredEventDetails");
                String name = d.path("name").asText();
                if (open != null) close(open, at, VisitOutcome.UNFINISHED, null);
                open = new Open(name, type.substring(0, type.length() - "StateEntered".length()), at);
                if (previous != null) transitions.merge(previous + "->" + name, 1, Integer::sum);
                previous = name;
            } else if (type.endsWith("StateExited")) {
                if (open != null) {
                    close(open, at, open.error != null ? VisitOutcome.RECOVERED : VisitOutcome.SUCCEEDED,
                            parse(e.path("stateExitedEventDetails").path("output")));
                    open = null;
                }
            } else if (type.equals("TaskScheduled") || type.equals("LambdaFunctionScheduled") || type.equals("ActivityScheduled")) {
                if (open != null) {
                    if (open.error != null) open.recovered = true; // a retry
                    open.attempts++;
                }
            } else if (isFailure(type)) {
                if (open != null) {
                    JsonNode d = e.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails");
                    open.error = d.path("error").asText(type);
                }
            } else if (type.equals("ExecutionStarted")) {
                started = at;
            } else if (type.startsWith("Execution")) {
                ended = at;
                status = switch (type) {
                    case "ExecutionSucceeded" -> "SUCCEEDED";
                    case "ExecutionFailed" -> "FAILED";
                    case "ExecutionTimedOut" -> "TIMED_OUT";
                    case "ExecutionAborted" -> "ABORTED";
                    default -> status;
                };
                JsonNode d = e.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails");
                if (d.has("error")) error = d.get("error").asText();
                if (d.has("cause")) cause = d.get("cause").asText();
                if (open != null) {
                    boolean failed = open.error != null || "Fail".equals(open.type);
                    close(open, at, failed && !"SUCCEEDED".equals(status) ? VisitOutcome.FAILED
                            : "SUCCEEDED".equals(status) ? VisitOutcome.SUCCEEDED : VisitOutcome.UNFINISHED, null);
                    open = null;
                }
            }
        }
        if (open != null) close(open, null, VisitOutcome.UNFINISHED, null);
    }

    private static boolean isFailure(String type) {
        return type.endsWith("Failed") && !type.startsWith("Execution") && !type.startsWith("MapIteration")
                || type.endsWith("TimedOut") && !type.startsWith("Execution");
    }

    private void close(Open o, Instant end, VisitOutcome outcome, JsonNode output) {
        if (outcome == VisitOutcome.UNFINISHED && o.error != null && end != null) outcome = VisitOutcome.FAILED;
        visits.add(new Visit(o.state, o.type, o.start, end, outcome, o.error, Math.max(1, o.attempts), output));
    }

    private static JsonNode parse(JsonNode text) {
        if (text == null || !text.isTextual()) return text;
        try {
            return Json.mapper().readTree(text.asText());
        } catch (IOException e) {
            return text;
        }
    }

    /** Epoch seconds (the API) or ISO 8601 (the AWS CLI's output). */
    static Instant timestamp(JsonNode t) {
        if (t.isNumber()) return Instant.ofEpochMilli(new BigDecimal(t.asText()).movePointRight(3).longValue());
        if (t.isTextual()) {
            String s = t.asText();
            if (s.matches("\\d+(\\.\\d+)?")) return Instant.ofEpochMilli(new BigDecimal(s).movePointRight(3).longValue());
            return OffsetDateTime.parse(s).toInstant();
        }
        return null;
    }

    public List<Visit> visits() {
        return List.copyOf(visits);
    }

    /** How often the execution went from one state straight to another. */
    public int taken(String from, String to) {
        return transitions.getOrDefault(from + "->" + to, 0);
    }

    /** The visits of each state, by state. */
    public Map<String, List<Visit>> byState() {
        Map<String, List<Visit>> out = new HashMap<>();
        for (Visit v : visits) out.computeIfAbsent(v.state(), k -> new ArrayList<>()).add(v);
        return out;
    }

    public Instant started() {
        return started;
    }

    /** The end of the execution, or null while it runs. */
    public Instant ended() {
        return ended;
    }

    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
    public String status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
