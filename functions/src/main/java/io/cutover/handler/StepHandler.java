package io.cutover.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.RunRefused;
import io.cutover.failure.StepFailed;
import io.cutover.failure.TransientFailure;
import io.cutover.catalog.StepCatalog;
import io.cutover.run.RunStore;
import io.cutover.run.StepEvent;
import io.cutover.runbook.Ports;
import io.cutover.runbook.RunScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A runbook step as a Lambda handler, whatever the runbook: reads the typed execution state,
 * runs one use case, returns the state with the step's section set. Records the step in the
 * run's history, logs one JSON line per outcome (with runId, step, execution name and Lambda
 * request id), and turns failures into the few error names the state machines retry or roll
 * back on ({@link Transience} decides what is worth a retry).
 *
 * <p>The section must be a component of the state record: every section a step writes is
 * modelled in the runbook's state type, so nothing reaches around it through raw JSON.
 *
 * @param <S> what the state machine passes: the runbook's execution state (or, for the few
 *            handlers that override {@link #output}, their own payload record)
 */
public abstract class StepHandler<S extends RunScoped> implements RequestStreamHandler {
    protected static final ObjectMapper JSON = StateJson.mapper();
    private static final Logger LOG = LoggerFactory.getLogger(StepHandler.class);
    private static final int SUMMARY_CHARS = 500;
    /** How long this thread's last step spent in its use case: what an invoker measures around it is overhead. */
    private static final ThreadLocal<Long> USE_CASE_NANOS = ThreadLocal.withInitial(() -> 0L);
    /** The Lambda context of the call this thread serves (null outside Lambda): its remaining time bounds looping steps. */
    private static final ThreadLocal<Context> CONTEXT = new ThreadLocal<>();

    private final String step;
    private final RecordComponent section;
    private final Class<S> stateType;
    private final RunStore runs;
    private final Clock clock;

    /** A step of a runbook: its state machine state, the state section it sets, and the ports. */
    protected StepHandler(String step, String section, Class<S> stateType, Ports ports) {
        this(step, section, stateType, ports.runs(), ports.clock());
    }

    /**
     * @param section the state's component this step sets; null when {@link #output} is overridden
     * @param runs    where the history goes; null for steps before any run item exists
     */
    protected StepHandler(String step, String section, Class<S> stateType, RunStore runs, Clock clock) {
        this.step = step;
        this.stateType = stateType;
        this.section = section == null ? null : component(stateType, section);
        this.runs = runs;
        this.clock = clock;
    }

    /** Runs the use case; returns the new content of this step's section (null: leave it). */
    protected abstract Object apply(S state);

    /** Steps that run before the run item exists (or that read the history) do not record a start. */
    protected boolean recordsStart() {
        return true;
    }

    /** The history outcome of a step that returned normally. */
    protected StepEvent.Outcome outcomeOnSuccess() {
        return StepEvent.Outcome.SUCCEEDED;
    }

    /** The state machine state this invocation serves (a handler serving several states says which). */
    protected String step(S state) {
        return step;
    }

    /** What the state machine gets back: the state with this step's section set (OutputPath $.Payload). */
    protected Object output(S state, Object result) {
        ObjectNode out = JSON.valueToTree(state);
        // Sections not reached yet stay absent, as the state machine itself would leave them.
        out.properties().removeIf(field -> field.getValue().isNull());
        if (result != null) {
            if (!section.getType().isInstance(result)) {
                throw new IllegalStateException(step + " returned a " + result.getClass().getSimpleName() + " for section '"
                        + section.getName() + "', which " + stateType.getSimpleName() + " models as "
                        + section.getType().getSimpleName());
            }
            out.set(section.getName(), JSON.valueToTree(result));
        }
        return out;
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        S state = JSON.readValue(in, stateType);
        String name = step(state);
        MDC.put("runId", state.runId());
        MDC.put("executionName", state.runId());
        MDC.put("step", name);
        if (context != null && context.getAwsRequestId() != null) MDC.put("requestId", context.getAwsRequestId());
        CONTEXT.set(context);
        try {
            run(state, name, runs != null && recordsStart() ? clock.instant() : null, out);
        } finally {
            CONTEXT.remove();
            MDC.clear();
        }
    }

    /**
     * What is left of this Lambda call: see {@code CallBudgets}. Outside Lambda (no context), the
     * step's whole timeout as deployed: the step catalog's, the one place it is set.
     */
    protected java.time.Duration timeLeftInCall() {
        Context c = CONTEXT.get();
        return c != null ? java.time.Duration.ofMillis(c.getRemainingTimeInMillis())
                : java.time.Duration.ofSeconds(StepCatalog.require(step, getClass().getName()).timeoutSeconds());
    }

    /**
     * Nanoseconds the last step on this thread spent in its use case ({@link #apply}), whether it
     * returned or threw: the rest of a step's time (JSON, run history, logging, the invocation)
     * is orchestration overhead. Taken (and cleared) by an invoker on the same thread, right after the call.
     */
    public static long takeUseCaseNanos() {
        long nanos = USE_CASE_NANOS.get();
        USE_CASE_NANOS.set(0L);
        return nanos;
    }

    /** @param started when the step started, recorded with its outcome; null for steps that record no start */
    private void run(S state, String name, Instant started, OutputStream out) throws IOException {
        USE_CASE_NANOS.set(0L);
        try {
            long start = System.nanoTime();
            Object result;
            try {
                result = apply(state);
            } finally {
                USE_CASE_NANOS.set(System.nanoTime() - start);
            }
            Object output = output(state, result);
            String summary = summary(result);
            record(state, name, started, outcomeOnSuccess(), summary);
            LOG.atInfo().addKeyValue("outcome", "succeeded")
                    .addKeyValue("useCaseMillis", USE_CASE_NANOS.get() / 1_000_000).log(summary);
            JSON.writeValue(out, output);
        } catch (NotReadyYet | TransientFailure e) {
            record(state, name, started, StepEvent.Outcome.WAITING, e.getMessage());
            log("not ready", e.getMessage());
            throw e;
        } catch (StepFailed | RunRefused | InvalidInput e) {
            record(state, name, started, StepEvent.Outcome.FAILED, e.getMessage());
            LOG.atError().addKeyValue("outcome", "failed").setCause(e).log(e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            if (Transience.isTransient(e)) {
                record(state, name, started, StepEvent.Outcome.WAITING, e.getMessage());
                log("transient failure", String.valueOf(e.getMessage()));
                throw new TransientFailure(name + ": " + e.getMessage(), e);
            }
            record(state, name, started, StepEvent.Outcome.FAILED, String.valueOf(e.getMessage()));
            LOG.atError().addKeyValue("outcome", "failed").setCause(e).log(String.valueOf(e.getMessage()));
            throw new StepFailed(name + ": " + e.getMessage(), e);
        }
    }

    private static void log(String outcome, String detail) {
        LOG.atInfo().addKeyValue("outcome", outcome).log(detail);
    }

    /**
     * The step's start (if it records one) and its outcome in one write: one run-table write per
     * step. A step still running therefore shows in the execution history, not yet in the run's;
     * one that never returns (a Lambda timeout) leaves only the execution history's line.
     */
    private void record(S state, String name, Instant started, StepEvent.Outcome outcome, String detail) {
        if (runs == null) return;
        StepEvent end = new StepEvent(name, outcome, clock.instant(), detail);
        try {
            runs.recordSteps(state.runId(), started == null ? List.of(end)
                    : List.of(new StepEvent(name, StepEvent.Outcome.STARTED, started, null), end));
        } catch (RuntimeException e) {
            // History is for people; it must not turn a good step into a failed one.
            log("could not record history", String.valueOf(e.getMessage()));
        }
    }

    private static String summary(Object result) {
        if (result == null) return null;
        String s = JSON.valueToTree(result).toString();
        return s.length() > SUMMARY_CHARS ? s.substring(0, SUMMARY_CHARS) + "..." : s;
    }

    private static RecordComponent component(Class<?> stateType, String section) {
        RecordComponent[] components = stateType.isRecord() ? stateType.getRecordComponents() : new RecordComponent[0];
        return Arrays.stream(components).filter(c -> c.getName().equals(section)).findFirst()
                .orElseThrow(() -> new IllegalStateException(stateType.getSimpleName() + " has no section '" + section
                        + "': every section a step writes is a component of the runbook's state record"));
    }
}
