package io.cutover.promote;

import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;

import java.util.ArrayList;
import java.util.List;

/**
 * The safe state after any failure: applications this run froze are open again (still on the
 * source), the lock is released, the cause is recorded. Nothing is deleted and nothing is
 * promoted; what was created is named so an operator can decide about it.
 */
public final class Rollback {
    private final ThawApplications thaw;
    private final RunRollback run;

    public Rollback(ThawApplications thaw, RunRollback run) {
        this.thaw = thaw;
        this.run = run;
    }

    public RolledBack rollBack(RunState state) {
        RunRollback.Failure failure = run.failure(state);
        List<String> problems = new ArrayList<>();
        List<String> thawed = List.of();
        try {
            thawed = thaw.thaw(state.runId(), state.input().applications());
        } catch (RuntimeException e) {
            problems.add("could not thaw every application (" + e.getMessage() + "); check the appmap");
        }

        StringBuilder cause = failure.cause();
        if (failure.recorded(ReplicaPromotion.REQUESTED)) {
            cause.append(" The replica ").append(state.input().replica().instanceId())
                    .append(" was promoted and is now a standalone instance: it no longer replicates from ")
                    .append(state.input().source().instanceId()).append('.');
        } else {
            cause.append(" The replica was not promoted and still replicates from the source.");
        }
        cause.append(" Applications thawed on the source site: ").append(thawed.isEmpty() ? "none" : String.join(", ", thawed))
                .append('.');
        List<String> leftInPlace = failure.recordedOf(List.of("logicalSlot", "targetEndpointArn", "cdcTaskArn"));
        if (!leftInPlace.isEmpty()) {
            cause.append(" Left in place (nothing is deleted by rollback): ").append(String.join(", ", leftInPlace)).append('.');
            if (failure.recorded("logicalSlot")) {
                cause.append(" Drop the logical slot on the source when no longer needed: it retains WAL.");
            }
        }
        for (String p : problems) cause.append(' ').append(p).append('.');
        return run.rolledBack(state, failure, cause.toString(), List.of(), thawed);
    }
}
