package io.cutover.runbook;

import io.cutover.promote.RunState;
import io.cutover.failure.RunRefused;
import io.cutover.run.LockHeldException;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Takes the one-run-per-source lock, then creates the run item. */
public final class AcquireLock {
    private final RunStore runs;
    private final Clock clock;

    public AcquireLock(RunStore runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    public Instant start(RunState state) {
        String source = state.input().source().instanceId();
        try {
            runs.acquireLock(source, state.runId());
        } catch (LockHeldException e) {
            throw new RunRefused(e.getMessage());
        }
        Instant now = clock.instant();
        runs.createRun(new RunRecord(state.runId(), "promote-replica", source,
                state.input().replica().instanceId(), state.engine().name().toLowerCase(), RunStatus.RUNNING,
                "AcquireLock", null, Map.of(), List.of(), null, now, now));
        return now;
    }
}
