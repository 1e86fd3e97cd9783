package io.cutover.rehearsal.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.failure.StepFailed;
import io.cutover.handler.StepHandler;
import io.cutover.json.Json;
import io.cutover.run.RunStore;
import io.cutover.run.StepEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Wraps a step handler on the local Lambda endpoint: attributes database time to the run, and
 * injects a fault when the rehearsal was asked to fail at this step - recorded as the step
 * starting and then failing, as a step whose call broke midway would be.
 */
public final class StepInvocation implements RequestStreamHandler {
    private final String functionName;
    private final RequestStreamHandler delegate;
    private final FaultPlan faults;
    private final RunStore runs;
    private final DatabaseTime time;

    /** Which state (if any) this invocation stands for when it should fail. */
    public interface FaultPlan {
        /** @return the state name to fail, or null to run normally */
        String failingState(String functionName, JsonNode payload);

        FaultPlan NONE = (f, p) -> null;

        /** Fail the named Task state; the wait states share the AwaitResource function, told apart by the state name they pass. */
        static FaultPlan atState(String state) {
            return (function, payload) -> {
                String forState = switch (function) {
                    // Each waiting state passes its own name ($$.State.Name) as "step".
                    case "AwaitResource" -> payload.hasNonNull("step") ? payload.get("step").asText()
                            : "PROMOTION_COMPLETE".equals(payload.path("kind").asText())
                            ? "WaitForPromotion" : "WaitForCdcTaskRunning";
                    default -> function;
                };
                return forState.equals(state) ? state : null;
            };
        }
    }

    public StepInvocation(String functionName, RequestStreamHandler delegate, FaultPlan faults, RunStore runs,
                          DatabaseTime time) {
        this.functionName = functionName;
        this.delegate = delegate;
        this.faults = faults;
        this.runs = runs;
        this.time = time;
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        long started = System.nanoTime();
        byte[] body = in.readAllBytes();
        JsonNode payload = Json.mapper().readTree(body);
        String runId = runId(payload);
        String failing = faults.failingState(functionName, payload);
        if (failing != null) {
            String message = "fault injected at " + failing + " by the rehearsal (--fail-at)";
            Instant now = Instant.now();
            record(runId, List.of(new StepEvent(failing, StepEvent.Outcome.STARTED, now, null),
                    new StepEvent(failing, StepEvent.Outcome.FAILED, now, message)));
            throw new StepFailed(message);
        }
        DatabaseTime.enter(runId);
        try {
            delegate.handleRequest(new ByteArrayInputStream(body), out, context);
        } finally {
            DatabaseTime.leave();
            time.addStep(runId, functionName, System.nanoTime() - started, StepHandler.takeUseCaseNanos());
        }
    }

    private void record(String runId, List<StepEvent> events) {
        try {
            runs.recordSteps(runId, events);
        } catch (RuntimeException noRunYet) {
            // ValidateInput and AcquireLock fail before the run item exists: nothing to record.
        }
    }

    static String runId(JsonNode payload) {
        if (payload == null) return null;
        if (payload.hasNonNull("runId")) return payload.get("runId").asText();
        if (payload.hasNonNull("executionName")) return payload.get("executionName").asText();
        JsonNode state = payload.get("state");
        return state != null && state.hasNonNull("runId") ? state.get("runId").asText() : null;
    }
}
