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
import io.cutover.run.RunStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * A runbook step as a Lambda handler, whatever the runbook: reads the execution state, runs one
 * use case, returns the state with the step's section set. Records the step in the run's history
 * and turns failures into the few error names the state machines retry or roll back on.
 *
 * @param <S> the runbook's execution state
 */
public abstract class RunStepHandler<S> implements RequestStreamHandler {
    protected static final ObjectMapper JSON = Json.mapper();
    private final String step;
    private final String section;
    private final Class<S> stateType;
    private final RunStore runs;
    private final Clock clock;

    protected RunStepHandler(String step, String section, Class<S> stateType, RunStore runs, Clock clock) {
        this.step = step;
        this.section = section;
        this.stateType = stateType;
        this.runs = runs;
        this.clock = clock;
    }

    /** Runs the use case; returns the new content of this step's section (null: leave it). */
    protected abstract Object apply(S state, ObjectNode raw);

    protected abstract String runId(S state);

    /** Steps that run before the run item exists (or that read the history) do not record a start. */
    protected boolean recordsStart() {
        return true;
    }

    protected boolean recordsHistory() {
        return true;
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        ObjectNode raw = (ObjectNode) JSON.readTree(in);
        S state = JSON.treeToValue(raw, stateType);
        if (recordsHistory() && recordsStart()) record(state, StepEvent.Outcome.STARTED, null);
        try {
            Object result = apply(state, raw);
            if (result != null) raw.set(section, JSON.valueToTree(result));
            if (recordsHistory()) record(state, StepEvent.Outcome.SUCCEEDED, summary(result));
            StepLog.info(runId(state), step, "succeeded", summary(result));
            JSON.writeValue(out, raw);
        } catch (NotReadyYet | TransientFailure e) {
            if (recordsHistory()) record(state, StepEvent.Outcome.WAITING, e.getMessage());
            StepLog.info(runId(state), step, "not ready", e.getMessage());
            throw e;
        } catch (StepFailed | RunRefused | InvalidInput e) {
            if (recordsHistory()) record(state, StepEvent.Outcome.FAILED, e.getMessage());
            StepLog.error(runId(state), step, e);
            throw e;
        } catch (RuntimeException e) {
            if (Transience.isTransient(e)) {
                if (recordsHistory()) record(state, StepEvent.Outcome.WAITING, e.getMessage());
                StepLog.info(runId(state), step, "transient failure", String.valueOf(e.getMessage()));
                throw new TransientFailure(step + ": " + e.getMessage(), e);
            }
            if (recordsHistory()) record(state, StepEvent.Outcome.FAILED, String.valueOf(e.getMessage()));
            StepLog.error(runId(state), step, e);
            throw new StepFailed(step + ": " + e.getMessage(), e);
        }
    }

    private void record(S state, StepEvent.Outcome outcome, String detail) {
        try {
            runs.recordStep(runId(state), new StepEvent(step, outcome, clock.instant(), detail));
        } catch (RuntimeException e) {
            // History is for people; it must not turn a good step into a failed one.
            StepLog.info(runId(state), step, "could not record history", String.valueOf(e.getMessage()));
        }
    }

    private static String summary(Object result) {
        if (result == null) return null;
        JsonNode node = JSON.valueToTree(result);
        String s = node.toString();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
