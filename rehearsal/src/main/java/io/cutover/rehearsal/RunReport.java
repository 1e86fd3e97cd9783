package io.cutover.rehearsal;

import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.api.ExecutionHistory;
import io.cutover.report.FreezeWindow;
import io.cutover.report.RunHistory;
import io.cutover.run.RunRecord;

import java.time.Duration;
import java.util.List;

/**
 * What one rehearsal run did and how it ended.
 *
 * @param freezeWindow     applications held, as the state machine measured it ({@link #freezeWindow(ExecutionResult)})
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

    /**
     * The freeze window of an execution, computed as the run report computes it ({@link FreezeWindow}:
     * the freeze state's end to the thaw's or rollback's end); zero when nothing was frozen.
     */
    public static Duration freezeWindow(ExecutionResult execution) {
        return FreezeWindow.of(history(execution)).map(FreezeWindow::duration).orElse(Duration.ZERO);
    }

    /** The execution as its GetExecutionHistory reads, the run report's view of it. */
    public static RunHistory history(ExecutionResult execution) {
        return RunHistory.of(ExecutionHistory.of(new ExecutionHistory.Execution(null, "{}", execution.events(), null, null)));
    }
}
