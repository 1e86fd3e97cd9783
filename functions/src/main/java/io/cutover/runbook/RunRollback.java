package io.cutover.runbook;

import io.cutover.failure.LambdaErrorCause;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every runbook's rollback does around its own undoing: reads what failed and what the run
 * recorded before it acted, and ends the run ROLLED_BACK with the cause, its lock released.
 * Rollbacks delete nothing: the cause names what was left in place.
 */
public final class RunRollback {
    private final RunStore runs;

    public RunRollback(RunStore runs) {
        this.runs = runs;
    }

    /**
     * What failed, read before anything is undone.
     *
     * @param resources what the run recorded (created resources, intents such as "routedAt")
     */
    public record Failure(String error, String message, String failedStep, Map<String, String> resources) {

        public boolean recorded(String resource) {
            return resources.containsKey(resource);
        }

        /** "role=value" for each of {@code roles} the run recorded. */
        public List<String> recordedOf(List<String> roles) {
            List<String> found = new ArrayList<>();
            for (String role : roles) {
                if (resources.containsKey(role)) found.add(role + "=" + resources.get(role));
            }
            return found;
        }

        /** The cause starts with the step that failed and why. */
        public StringBuilder cause() {
            return new StringBuilder(failedStep).append(" failed: ").append(message).append('.');
        }
    }

    public Failure failure(ExecutionState state) {
        StepError error = state.error();
        String errorName = error == null || error.error() == null ? "Unknown" : error.error();
        String message = LambdaErrorCause.message(error == null ? null : error.cause());
        Optional<RunRecord> run = runs.run(state.runId());
        return new Failure(errorName, message, run.map(RunRecord::currentStep).orElse("unknown step"),
                run.map(RunRecord::resources).orElse(Map.of()));
    }

    /** Ends the run ROLLED_BACK with the cause and releases its lock. */
    public RolledBack rolledBack(ExecutionState state, Failure failure, String cause, List<String> routedBack,
                                 List<String> thawed) {
        runs.finish(state.runId(), RunStatus.ROLLED_BACK, cause);
        runs.releaseLock(state.lockId(), state.runId());
        return new RolledBack(failure.error(), cause, failure.failedStep(), routedBack, thawed);
    }
}
