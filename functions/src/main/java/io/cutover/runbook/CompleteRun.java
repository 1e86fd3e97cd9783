package io.cutover.runbook;

import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

/** Ends a successful run: status SUCCEEDED, lock released. */
public final class CompleteRun {
    private final RunStore runs;

    public CompleteRun(RunStore runs) {
        this.runs = runs;
    }

    public void completeRun(ExecutionState state) {
        runs.finish(state.runId(), RunStatus.SUCCEEDED, null);
        runs.releaseLock(state.lockId(), state.runId());
    }
}
