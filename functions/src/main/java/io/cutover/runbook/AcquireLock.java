package io.cutover.runbook;

import io.cutover.failure.RunRefused;
import io.cutover.run.LockHeldException;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Takes the run's lock (one run per source, per pair...), then creates the run item. A second run is refused. */
public final class AcquireLock {
    private final RunStore runs;
    private final Clock clock;

    public AcquireLock(RunStore runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** @param step the state that takes the lock: the run item's first current step */
    public RunStarted acquireLock(ExecutionState state, String step) {
        try {
            runs.acquireLock(state.lockId(), state.runId());
        } catch (LockHeldException e) {
            throw new RunRefused(e.getMessage());
        }
        Instant now = clock.instant();
        RunSubject subject = state.subject();
        runs.createRun(new RunRecord(state.runId(), subject.runbook(), subject.source(), subject.target(),
                subject.engine(), RunStatus.RUNNING, step, null, subject.resources(), List.of(), null, now, now));
        return new RunStarted(now);
    }
}
