package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * The end of an execution: {@code output} when SUCCEEDED, {@code error}/{@code cause} when FAILED or
 * TIMED_OUT; every event with its timestamp.
 */
public record ExecutionResult(String executionName, ExecutionStatus status, JsonNode output, String error,
                              String cause, List<ExecutionEvent> events, Duration duration) {

    public ExecutionResult {
        events = List.copyOf(events);
    }

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }

    /** Names of the states entered, in order (a state entered twice appears twice). */
    public List<String> statesEntered() {
        return events.stream().filter(e -> "StateEntered".equals(e.type())).map(ExecutionEvent::state).toList();
    }

    /** Events of one type, in order. */
    public List<ExecutionEvent> events(String type) {
        return events.stream().filter(e -> type.equals(e.type())).toList();
    }

    /** Events of one type for one state, in order. */
    public List<ExecutionEvent> events(String type, String state) {
        return events.stream().filter(e -> type.equals(e.type()) && state.equals(e.state())).toList();
    }

    @Override
    public String toString() {
        return "ExecutionResult[" + executionName + " " + status
                + (output != null ? " output=" + output : "")
                + (error != null ? " error=" + error + " cause=" + cause : "")
                + " states=" + statesEntered() + " in " + duration.toMillis() + " ms]";
    }
}
