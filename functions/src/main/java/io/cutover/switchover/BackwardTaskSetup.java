package io.cutover.switchover;

import io.cutover.dms.TwoWayTasks;
import io.cutover.failure.NotReadyYet;
import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.instance.Engine;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunStore;
import io.cutover.runbook.DmsTaskSetup;

import java.util.Optional;

/**
 * The backward task (to-site -> from-site): CDC only, from the to-site's position taken while
 * the applications are frozen and before they are routed there, so every write they make on the
 * to-site is carried back. PostgreSQL: the slot the to-site's source endpoint names is created
 * first, then the position is read. Oracle: the SCN is read when no transaction is open.
 * A task that already exists (from an earlier switchover of the pair) is reused, not recreated.
 */
public final class BackwardTaskSetup {
    static final DmsTaskSetup.Task BACKWARD_TASK = new DmsTaskSetup.Task("backward task", "backwardTask");

    private final DmsTaskSetup tasks;
    private final Replication replication;
    private final SourceProbes probes;
    private final RunStore runs;

    public BackwardTaskSetup(DmsTaskSetup tasks, Replication replication, SourceProbes probes, RunStore runs) {
        this.tasks = tasks;
        this.replication = replication;
        this.probes = probes;
        this.runs = runs;
    }

    public SwitchoverState.BackwardTask createBackwardTask(SwitchoverState state) {
        SwitchoverInput in = state.input();
        String id = in.backwardTaskIdentifier();
        Optional<TaskDescription> existing = tasks.find(state.runId(), BACKWARD_TASK, id);
        if (existing.isPresent()) {
            TaskDescription t = existing.get();
            return new SwitchoverState.BackwardTask(t.arn(), id, t.status(), false, t.cdcStartPosition(), null);
        }
        SiteRef source = in.toSite();
        SourceProbe probe = probes.forEngine(in.engine());
        String slot = null;
        if (in.engine() == Engine.POSTGRES) {
            slot = source.slotName();
            // Publication too (named like the slot): pgoutput and pglogical need one, test_decoding ignores it.
            probe.prepareLogicalSlot(state.toConnection(), slot, slot, in.dms().postgresPlugin());
            runs.recordResource(state.runId(), "backwardSlot", source.name() + ":" + slot);
        } else {
            OpenTransactions open = probe.openTransactions(state.toConnection());
            if (!open.none()) {
                throw new NotReadyYet(open.count() + " transaction(s) open on " + source.name() + " since SCN "
                        + open.oldestStart() + ": a start SCN would miss them");
            }
        }
        Position position = probe.currentPosition(state.toConnection());
        Optional<String> forwardSettings = state.preflight() == null ? Optional.empty()
                : replication.taskSettings(state.preflight().forwardTaskArn());
        TaskDescription task = tasks.create(state.runId(), BACKWARD_TASK, new TaskSpec(id, in.dms().replicationInstanceArn(),
                source.sourceEndpointArn(), in.fromSite().targetEndpointArn(), "cdc", TwoWayTasks.backwardMappings(in),
                TwoWayTasks.backwardSettings(in, forwardSettings), position.value(), state.runId()));
        runs.recordPosition(state.runId(), position.value());
        return new SwitchoverState.BackwardTask(task.arn(), id, task.status(), true, position.value(), slot);
    }

    /** Starts a task not yet started (from the position this run took, else the task's own); a running one is left alone. */
    public SwitchoverState.BackwardTask startBackwardTask(SwitchoverState state) {
        SwitchoverState.BackwardTask b = state.backward();
        return with(state, tasks.start(state.runId(), BACKWARD_TASK, b.taskArn(), b.position()));
    }

    /** Polled until running: failed or stopped end the run, and so does the start timeout. */
    public SwitchoverState.BackwardTask checkBackwardTask(SwitchoverState state) {
        return with(state, tasks.check(state.runId(), BACKWARD_TASK, state.backward().taskArn(),
                state.input().limits().taskStartTimeoutSeconds()));
    }

    private static SwitchoverState.BackwardTask with(SwitchoverState state, String status) {
        SwitchoverState.BackwardTask b = state.backward();
        return new SwitchoverState.BackwardTask(b.taskArn(), b.taskIdentifier(), status, b.created(), b.position(),
                b.slotName());
    }
}
