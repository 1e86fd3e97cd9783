package io.cutover.switchover;

import io.cutover.failure.RunRefused;
import io.cutover.input.SwitchoverInput;
import io.cutover.run.LockHeldException;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Takes the one-run-per-pair lock, then creates the run item. */
public final class SwitchoverStart {
    private final RunStore runs;
    private final Clock clock;

    public SwitchoverStart(RunStore runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    public Instant start(SwitchoverState state) {
        SwitchoverInput in = state.input();
        try {
            runs.acquireLock(in.lockId(), state.runId());
        } catch (LockHeldException e) {
            throw new RunRefused(e.getMessage());
        }
        Instant now = clock.instant();
        runs.createRun(new RunRecord(state.runId(), "switchover",
                in.fromSite().name() + " " + in.fromSite().address(), in.toSite().name() + " " + in.toSite().address(),
                state.engine().name().toLowerCase(), RunStatus.RUNNING, "SwitchoverAcquireLock", null, Map.of(),
                List.of(), null, now, now));
        runs.recordResource(state.runId(), "direction", in.direction().name());
        return now;
    }
}
