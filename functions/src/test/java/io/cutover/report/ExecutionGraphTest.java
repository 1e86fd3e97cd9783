package io.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers and colours on a small machine, from hand-written history events (the real runs: StatusRehearsalTest). */
class ExecutionGraphTest {

    static final JsonNode ASL = json("""
            {"StartAt": "Check", "States": {
              "Check":   {"Type": "Task", "Resource": "x", "Next": "Ready?",
                          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Undo"}]},
              "Ready?":  {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Act"}],
                          "Default": "Wait"},
              "Wait":    {"Type": "Wait", "Seconds": 1, "Next": "Check"},
              "Act":     {"Type": "Task", "Resource": "x", "End": true,
                          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Undo"}]},
              "Undo":    {"Type": "Task", "Resource": "x", "Next": "Undone"},
              "Undone":  {"Type": "Fail"}
            }}""");

    @Test
    void layersFollowTheFlowAndTheSharedRollbackGoesBelowIt() {
        StateMachineGraph g = StateMachineGraph.of(ASL);
        assertEquals(0, g.states().get("Check").depth());
        assertEquals(1, g.states().get("Ready?").depth());
        assertEquals(2, g.states().get("Act").depth());
        assertEquals(2, g.states().get("Wait").depth());
        assertEquals(1, g.states().get("Wait").column());
        assertEquals(3, g.states().get("Undo").depth(), "below the deepest state of the flow");
        assertEquals(4, g.states().get("Undone").depth());
        assertTrue(StateMachineGraph.sharedCatchTarget("Undo", g.edges()));
    }

    @Test
    void coloursByOutcome() {
        History h = new History()
                .enter("Task", "Check").scheduled().succeeded().exit("Task", "Check")
                .enter("Choice", "Ready?").exit("Choice", "Ready?")
                .enter("Wait", "Wait").exit("Wait", "Wait")
                .enter("Task", "Check").scheduled().failed("io.cutover.failure.NotReadyYet").scheduled().succeeded()
                .exit("Task", "Check")
                .enter("Choice", "Ready?").exit("Choice", "Ready?")
                .enter("Task", "Act").scheduled().failed("io.cutover.failure.StepFailed").exit("Task", "Act")
                .enter("Task", "Undo").scheduled().succeeded().exit("Task", "Undo")
                .enter("Fail", "Undone").end("ExecutionFailed");

        StateOutcomes o = StateOutcomes.of(RunHistory.of(h.events));

        assertEquals(StateOutcomes.Outcome.CAUGHT, o.outcome("Check"), "failed once, retried");
        assertEquals(2, o.visit("Check").entered());
        assertEquals(StateOutcomes.Outcome.SUCCEEDED, o.outcome("Wait"));
        assertEquals(StateOutcomes.Outcome.CAUGHT, o.outcome("Act"));
        assertEquals(StateOutcomes.Outcome.SUCCEEDED, o.outcome("Undo"));
        assertEquals(StateOutcomes.Outcome.FAILED, o.outcome("Undone"), "a Fail state entered");
        assertEquals(2, o.taken("Check", "Ready?"));
        assertEquals(1, o.taken("Act", "Undo"));

        History uncaught = new History().enter("Task", "Check").scheduled().failed("States.Timeout").end("ExecutionFailed");
        StateOutcomes u = StateOutcomes.of(RunHistory.of(uncaught.events));
        assertEquals(StateOutcomes.Outcome.FAILED, u.outcome("Check"));
        assertEquals(StateOutcomes.Outcome.NOT_VISITED, u.outcome("Act"));

        History running = new History().enter("Task", "Check").scheduled();
        assertEquals(StateOutcomes.Outcome.UNFINISHED, StateOutcomes.of(RunHistory.of(running.events)).outcome("Check"));
    }

    @Test
    void namesAndErrorsAreEscaped() {
        String svg = ExecutionGraphSvg.render(StateMachineGraph.of(ASL), StateOutcomes.of(RunHistory.of(List.of())),
                "run <a & \"b\">");
        assertTrue(svg.contains("run &lt;a &amp; &quot;b&quot;&gt;"));
        assertTrue(svg.contains("id=\"state-Ready?\""));
    }

    /** AWS history events, 10 ms apart. */
    static final class History {
        final List<JsonNode> events = new ArrayList<>();

        History() {
            add("ExecutionStarted", null);
        }

        private ObjectNode add(String type, String detailsKey) {
            ObjectNode e = Json.mapper().createObjectNode().put("type", type).put("id", events.size() + 1)
                    .put("timestamp", new java.math.BigDecimal(events.size()).movePointLeft(2));
            events.add(e);
            return detailsKey == null ? e : e.putObject(detailsKey);
        }

        History enter(String stateType, String name) {
            add(stateType + "StateEntered", "stateEnteredEventDetails").put("name", name).put("input", "{}");
            return this;
        }

        History exit(String stateType, String name) {
            add(stateType + "StateExited", "stateExitedEventDetails").put("name", name).put("output", "{}");
            return this;
        }

        History scheduled() {
            add("TaskScheduled", "taskScheduledEventDetails").put("resourceType", "lambda").put("resource", "invoke");
            return this;
        }

        History succeeded() {
            add("TaskSucceeded", "taskSucceededEventDetails").put("output", "{}");
            return this;
        }

        History failed(String error) {
            add("TaskFailed", "taskFailedEventDetails").put("error", error).put("cause", "cause");
            return this;
        }

        History end(String type) {
            add(type, null);
            return this;
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
