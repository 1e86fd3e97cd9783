package io.cutover.rehearsal;

import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.run.RunRecord;

import java.time.Duration;
import java.util.List;

/**
 * What one rehearsal run did and how it ended.
 *
 * @param freezeWindow     applications held, as the state machine measured it (freeze to thaw)
 * @param applicationHeld  how long the heartbeat application actually held its writes
 * @param waiting          time in Wait states and event waits (waiting on databases, RDS, DMS)
 * @param databaseTime     time inside database, RDS and DMS calls of the steps
 * @param overhead         the rest: what the orchestration itself cost
 * @param source           table digests on the source after the application stopped
 * @param promoted         the same on the promoted replica once CDC caught up
 */
public record RunReport(
        String runId,
        ExecutionResult execution,
        RunRecord run,
        Duration total,
        Duration freezeWindow,
        Duration applicationHeld,
        Duration waiting,
        Duration databaseTime,
        Duration overhead,
        long rowsWrittenByApplication,
        List<RehearsalPair.TableDigest> source,
        List<RehearsalPair.TableDigest> promoted,
        boolean applicationOpen,
        boolean lockReleased) {

    public boolean dataEqual() {
        return source != null && source.equals(promoted);
    }
}
