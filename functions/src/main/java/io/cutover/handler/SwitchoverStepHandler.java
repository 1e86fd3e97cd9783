package io.cutover.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.RunRefused;
import io.cutover.failure.StepFailed;
import io.cutover.failure.TransientFailure;
import io.cutover.json.Json;
import io.cutover.run.StepEvent;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A switchover step as a Lambda handler: the same contract as {@link StepHandler} (state in,
 * state out with the step's section set, history recorded, failures mapped to the error names
 * the state machine reacts to), on the switchover's state and ports.
 */
public abstract class SwitchoverStepHandler implements RequestStreamHandler {
    protected static final ObjectMapper JSON = Json.mapper();
    private final String step;
    private final String section;
    protected final SwitchoverPorts ports;

    protected SwitchoverStepHandler(String step, String section, SwitchoverPorts ports) {
        this.step = step;
        this.section = section;
        this.ports = ports;
    }

    /** Runs the use case; returns the new content of this step's section (null: leave it). */
    protected abstract Object apply(SwitchoverState state, ObjectNode raw);

    /** Steps that run before the run item exists (or must not move its current step) do not record a start. */
    protected boolean recordsStart() {
        return true;
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        ObjectNode raw = (ObjectNode) JSON.readTree(in);
        SwitchoverState state = JSON.treeToValue(raw, SwitchoverState.class);
        if (recordsStart()) record(state, StepEvent.Outcome.STARTED, null);
        try {
            Object result = apply(state, raw);
            if (result != null) raw.set(section, JSON.valueToTree(result));
            record(state, StepEvent.Outcome.SUCCEEDED, summary(result));
            StepLog.info(state.runId(), step, "succeeded", summary(result));
            JSON.writeValue(out, raw);
        } catch (NotReadyYet | TransientFailure e) {
            record(state, StepEvent.Outcome.WAITING, e.getMessage());
            StepLog.info(state.runId(), step, "not ready", e.getMessage());
            throw e;
        } catch (StepFailed | RunRefused | InvalidInput e) {
            record(state, StepEvent.Outcome.FAILED, e.getMessage());
            StepLog.error(state.runId(), step, e);
            throw e;
        } catch (RuntimeException e) {
            if (Transience.isTransient(e)) {
                record(state, StepEvent.Outcome.WAITING, e.getMessage());
                StepLog.info(state.runId(), step, "transient failure", String.valueOf(e.getMessage()));
                throw new TransientFailure(step + ": " + e.getMessage(), e);
            }
            record(state, StepEvent.Outcome.FAILED, String.valueOf(e.getMessage()));
            StepLog.error(state.runId(), step, e);
            throw new StepFailed(step + ": " + e.getMessage(), e);
        }
    }

    private void record(SwitchoverState state, StepEvent.Outcome outcome, String detail) {
        try {
            ports.core().runs().recordStep(state.runId(), new StepEvent(step, outcome, ports.core().clock().instant(), detail));
        } catch (RuntimeException e) {
            // History is for people; it must not turn a good step into a failed one (nor a refused lock into another error).
            StepLog.info(state.runId(), step, "could not record history", String.valueOf(e.getMessage()));
        }
    }

    private static String summary(Object result) {
        if (result == null) return null;
        JsonNode node = JSON.valueToTree(result);
        String s = node.toString();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
