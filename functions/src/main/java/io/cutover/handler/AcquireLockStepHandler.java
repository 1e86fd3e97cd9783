package io.cutover.handler;

import io.cutover.runbook.AcquireLock;
import io.cutover.runbook.ExecutionState;
import io.cutover.runbook.Ports;

/** The step that takes a run's lock and creates its run item, for any runbook. A second run is refused. */
public abstract class AcquireLockStepHandler<S extends ExecutionState> extends StepHandler<S> {
    private final String step;
    private final AcquireLock acquireLock;

    protected AcquireLockStepHandler(String step, Class<S> stateType, Ports ports) {
        super(step, "run", stateType, ports);
        this.step = step;
        this.acquireLock = new AcquireLock(ports.runs(), ports.clock());
    }

    /** Before the lock is ours there is no run item to write history to (and a refused run must not write one). */
    @Override
    protected final boolean recordsStart() {
        return false;
    }

    @Override
    protected final Object apply(S state) {
        return acquireLock.acquireLock(state, step);
    }
}
