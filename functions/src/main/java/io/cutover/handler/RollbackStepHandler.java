package io.cutover.handler;

import io.cutover.runbook.ExecutionState;
import io.cutover.runbook.Ports;
import io.cutover.runbook.RolledBack;

/**
 * The step any failure lands on (Catch, ResultPath $.error), for any runbook: undoes what the
 * run may have done, releases the lock, records the cause. The Fail state after it ends the
 * execution with the section's error and cause.
 */
public abstract class RollbackStepHandler<S extends ExecutionState> extends StepHandler<S> {

    protected RollbackStepHandler(String step, Class<S> stateType, Ports ports) {
        super(step, "rollback", stateType, ports);
    }

    /** The run's current step must still name the step that failed when the cause is written. */
    @Override
    protected final boolean recordsStart() {
        return false;
    }

    @Override
    protected final Object apply(S state) {
        return rollBack(state);
    }

    protected abstract RolledBack rollBack(S state);
}
