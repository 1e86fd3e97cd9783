package io.cutover.rehearsal.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import io.cutover.rehearsal.engine.ExecutionEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers and colours on a small machine, from hand-written events (the real runs: StatusRehearsalTest). */
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
        List<ExecutionEvent> events = new ArrayList<>();
        enter(events, "Check"); exit(events, "Check");
        enter(events, "Ready?"); exit(events, "Ready?");
        enter(events, "Wait"); exit(events, "Wait");
        enter(events, "Check"); fail(events, "Check", "io.cutover.failure.NotReadyYet"); event(events, "StateRetry", "Check");
        exit(events, "Check");
        enter(events, "Ready?"); exit(events, "Ready?");
        enter(events, "Act"); fail(events, "Act", "io.cutover.failure.StepFailed"); event(events, "StateCaught", "Act");
        enter(events, "Undo"); exit(events, "Undo");
        enter(events, "Undone");

        StateOutcomes o = StateOutcomes.of(events, ExecutionGraphSvg.types(StateMachineGraph.of(ASL)));

        assertEquals(StateOutcomes.Outcome.CAUGHT, o.outcome("Check"), "failed once, retried");
        assertEquals(2, o.visit("Check").entered());
        assertEquals(StateOutcomes.Outcome.SUCCEEDED, o.outcome("Wait"));
        assertEquals(StateOutcomes.Outcome.CAUGHT, o.outcome("Act"));
        assertEquals(StateOutcomes.Outcome.SUCCEEDED, o.outcome("Undo"));
        assertEquals(StateOutcomes.Outcome.FAILED, o.outcome("Undone"), "a Fail state entered");
        assertEquals(2, o.taken("Check", "Ready?"));
        assertEquals(1, o.taken("Act", "Undo"));

        List<ExecutionEvent> uncaught = new ArrayList<>();
        enter(uncaught, "Check"); fail(uncaught, "Check", "States.Timeout");
        StateOutcomes u = StateOutcomes.of(uncaught, ExecutionGraphSvg.types(StateMachineGraph.of(ASL)));
        assertEquals(StateOutcomes.Outcome.FAILED, u.outcome("Check"));
        assertEquals(StateOutcomes.Outcome.NOT_VISITED, u.outcome("Act"));

        List<ExecutionEvent> running = new ArrayList<>();
        enter(running, "Check");
        assertEquals(StateOutcomes.Outcome.UNFINISHED,
                StateOutcomes.of(running, ExecutionGraphSvg.types(StateMachineGraph.of(ASL))).outcome("Check"));
    }

    @Test
    void namesAndErrorsAreEscaped() {
        String svg = ExecutionGraphSvg.render(StateMachineGraph.of(ASL), StateOutcomes.of(List.of(), java.util.Map.of()),
                "run <a & \"b\">");
        assertTrue(svg.contains("run &lt;a &amp; &quot;b&quot;&gt;"));
        assertTrue(svg.contains("id=\"state-Ready?\""));
    }

    private static void enter(List<ExecutionEvent> events, String state) {
        event(events, "StateEntered", state);
    }

    private static void exit(List<ExecutionEvent> events, String state) {
        event(events, "StateExited", state);
    }

    private static void fail(List<ExecutionEvent> events, String state, String error) {
        events.add(new ExecutionEvent("StateFailed", state, null, Instant.ofEpochMilli(events.size() * 10L), null, null,
                error, "cause", null, null));
    }

    private static void event(List<ExecutionEvent> events, String type, String state) {
        events.add(new ExecutionEvent(type, state, null, Instant.ofEpochMilli(events.size() * 10L), null, null, null, null,
                null, null));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
