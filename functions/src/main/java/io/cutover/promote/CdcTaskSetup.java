package io.cutover.promote;

import io.cutover.dms.TableMappings;
import io.cutover.dms.TaskSettings;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.runbook.DmsTaskSetup;

/**
 * The CDC-only task: created once before the freeze without a position (creating a task takes DMS
 * minutes), started once inside it at the position the run fixed (StartReplicationTask's
 * CdcStartPosition; PostgreSQL: the endpoint's SlotName names the slot made before), checked until
 * it runs.
 */
public final class CdcTaskSetup {
    static final DmsTaskSetup.Task CDC_TASK = new DmsTaskSetup.Task("CDC task", "cdcTask");

    private final DmsTaskSetup tasks;

    public CdcTaskSetup(DmsTaskSetup tasks) {
        this.tasks = tasks;
    }

    public RunState.CdcTask createCdcTask(RunState state) {
        String id = ResourceNames.cdcTaskId(state.runId());
        var existing = tasks.find(state.runId(), CDC_TASK, id);
        TaskDescription task = existing.orElseGet(() -> tasks.create(state.runId(), CDC_TASK, new TaskSpec(id,
                state.input().dms().replicationInstanceArn(), state.sourceEndpointArn(),
                state.target().endpointArn(), "cdc",
                TableMappings.of(state.input().dms(), state.engine()), TaskSettings.of(state.input().dms()), null,
                state.runId())));
        return new RunState.CdcTask(task.arn(), id, null, task.status(), existing.isEmpty());
    }

    /** At the position fixed inside the freeze (Oracle: the captured SCN; PostgreSQL: the fork LSN). */
    public RunState.CdcTask startCdcTask(RunState state) {
        String position = state.position().value();
        String status = tasks.start(state.runId(), CDC_TASK, state.task().taskArn(), position);
        RunState.CdcTask t = state.task();
        return new RunState.CdcTask(t.taskArn(), t.taskIdentifier(), position, status, t.created());
    }

    /** Poll fallback: running, failed, or still on its way within the limit. */
    public RunState.CdcTask checkCdcTask(RunState state) {
        return with(state, tasks.check(state.runId(), CDC_TASK, state.task().taskArn(),
                state.input().limits().taskStartTimeoutSeconds()));
    }

    private static RunState.CdcTask with(RunState state, String status) {
        RunState.CdcTask t = state.task();
        return new RunState.CdcTask(t.taskArn(), t.taskIdentifier(), t.startPosition(), status, t.created());
    }
}
