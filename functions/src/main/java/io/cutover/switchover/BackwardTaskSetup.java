package io.cutover.switchover;

import io.cutover.dms.TwoWayTasks;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.failure.TransientFailure;
import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.instance.Engine;
import io.cutover.probe.LogicalSlotBlocked;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.SlotLocation;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;
import io.cutover.runbook.DmsTaskSetup;
import io.cutover.waiting.Poll;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The backward task (to-site -> from-site): CDC only. Created (and its PostgreSQL slot) before the
 * freeze - DMS's slow operations stay outside the outage; started inside it from the to-site's
 * position taken after the drain and before the applications are routed there, so every write
 * they make on the to-site is carried back. A task that already exists (from an earlier
 * switchover of the pair) is reused, not recreated.
 */
public record BackwardTaskSetup(DmsTaskSetup tasks, Replication replication, SourceProbes probes, RunStore runs) {
    /** Run item resource: "site:slot" of the backward task's logical slot (PostgreSQL), on the to-site. */
    public static final String BACKWARD_SLOT = "backwardSlot";
    /** Run item resource: the to-site's source endpoint, whose SlotName is the backward slot. */
    public static final String BACKWARD_SLOT_ENDPOINT = "backwardSourceEndpointArn";
    public static final DmsTaskSetup.Task BACKWARD_TASK = new DmsTaskSetup.Task("backward task", "backwardTask");

    /** With its own DMS task set-up on the same ports: what each backward-task step's handler runs. */
    public BackwardTaskSetup(Replication replication, SourceProbes probes, RunStore runs, Clock clock) {
        this(new DmsTaskSetup(replication, runs, clock), replication, probes, runs);
    }

    /**
     * Before the freeze: finds the task of an earlier switchover, or creates it CDC-only without a
     * position (StartReplicationTask takes it) - PostgreSQL: the slot first, so its creation (it
     * waits for every open transaction) never extends the freeze. Called again while the task is
     * creating; keeps what the first call made.
     */
    public SwitchoverState.BackwardTask createBackwardTask(SwitchoverState state) {
        SwitchoverInput in = state.input();
        String id = in.backwardTaskIdentifier();
        SwitchoverState.BackwardTask earlier = state.backward();
        Optional<TaskDescription> existing = tasks.find(state.runId(), BACKWARD_TASK, id);
        if (existing.isPresent()) {
            TaskDescription t = existing.get();
            if (t.isFailed()) {
                throw new StepFailed(BACKWARD_TASK.label() + " " + id + " failed: " + t.lastFailureMessage());
            }
            if (earlier != null && t.arn().equals(earlier.taskArn())) {
                return new SwitchoverState.BackwardTask(t.arn(), id, t.status(), earlier.created(), null, earlier.slotName());
            }
            return new SwitchoverState.BackwardTask(t.arn(), id, t.status(), false,
                    t.isRunning() ? t.cdcStartPosition() : null, null);
        }
        SiteRef source = in.toSite();
        String slot = null;
        if (in.engine() == Engine.POSTGRES) {
            slot = source.slotName();
            // Publication too (named like the slot): pgoutput and pglogical need one, test_decoding ignores it.
            try {
                probes.forEngine(in.engine()).prepareLogicalSlot(state.toConnection(), slot, slot, in.dms().postgresPlugin());
            } catch (LogicalSlotBlocked blocked) {
                // The to-site is busy (DMS applies to it, applications may write): a transaction that
                // outlasts the probe's short grace is retried by the state machine (TransientFailure's
                // Retry, about two minutes, before the freeze) and named if it outlasts that too.
                throw new TransientFailure(blocked.getMessage() + "; nothing created, the step is retried", blocked);
            }
            // Where it is and which endpoint names it, so ./cleanup can drop it once its task is gone.
            Map<String, String> recorded = new HashMap<>(SlotLocation.of(BACKWARD_SLOT, source.name() + ":" + slot,
                    state.toConnection()));
            recorded.put(BACKWARD_SLOT_ENDPOINT, source.sourceEndpointArn());
            runs.recordResources(state.runId(), recorded);
        }
        Optional<String> forwardSettings = state.preflight() == null ? Optional.empty()
                : replication.taskSettings(state.preflight().forwardTaskArn());
        TaskDescription task = tasks.create(state.runId(), BACKWARD_TASK, new TaskSpec(id, in.dms().replicationInstanceArn(),
                source.sourceEndpointArn(), in.fromSite().targetEndpointArn(), "cdc", TwoWayTasks.backwardMappings(in),
                TwoWayTasks.backwardSettings(in, forwardSettings), null, state.runId()));
        return new SwitchoverState.BackwardTask(task.arn(), id, task.status(), true, null, slot);
    }

    /**
     * Inside the freeze, after the drain: a task not yet started starts from the to-site's position
     * taken now, before the applications are routed there, so every write they make on the to-site
     * is carried back (Oracle: the SCN only when no transaction is open, else NotReadyYet). A
     * running task is left alone.
     */
    public SwitchoverState.BackwardTask startBackwardTask(SwitchoverState state) {
        SwitchoverState.BackwardTask b = state.backward();
        String position = b.position();
        Optional<RunRecord> run = runs.run(state.runId());
        if (position == null && !"running".equals(b.status())) {
            // A retried call after the start went out keeps the position the task was started from.
            Optional<RunRecord> started = run.filter(r -> r.resources().containsKey(BACKWARD_TASK.startResource()));
            position = started.isPresent() ? started.get().position() : positionNow(state);
            runs.recordPosition(state.runId(), position);
        }
        // The run item read above holds whether the start went out: read once.
        String status = tasks.start(state.runId(), BACKWARD_TASK, b.taskArn(), position, run);
        return new SwitchoverState.BackwardTask(b.taskArn(), b.taskIdentifier(), status, b.created(), position, b.slotName());
    }

    private String positionNow(SwitchoverState state) {
        SwitchoverInput in = state.input();
        SourceProbe probe = probes.forEngine(in.engine());
        if (in.engine() != Engine.POSTGRES) {
            OpenTransactions open = probe.openTransactions(state.toConnection());
            if (!open.none()) {
                throw new NotReadyYet(open.count() + " transaction(s) open on " + in.toSite().name() + " since SCN "
                        + open.oldestStart() + ": a start SCN would miss them");
            }
        }
        Position position = probe.currentPosition(state.toConnection());
        return position.value();
    }

    /**
     * Until running: failed or stopped end the run, and so does the start timeout. Inside the
     * freeze, so DMS is asked again within the call (up to {@link Poll#MAX_IN_CALL}) rather than
     * after a whole-second Wait state; a task slower than that goes round the Wait loop.
     */
    public SwitchoverState.BackwardTask checkBackwardTask(SwitchoverState state) {
        return with(state, tasks.check(state.runId(), BACKWARD_TASK, state.backward().taskArn(),
                state.input().limits().taskStartTimeoutSeconds(), Poll.MAX_IN_CALL));
    }

    private static SwitchoverState.BackwardTask with(SwitchoverState state, String status) {
        SwitchoverState.BackwardTask b = state.backward();
        return new SwitchoverState.BackwardTask(b.taskArn(), b.taskIdentifier(), status, b.created(), b.position(),
                b.slotName());
    }
}
