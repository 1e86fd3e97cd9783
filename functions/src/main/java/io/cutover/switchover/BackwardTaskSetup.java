package io.cutover.switchover;

import io.cutover.dms.TwoWayTasks;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
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
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The backward task (to-site -> from-site): CDC only, from the to-site's position taken while
 * the applications are frozen and before they are routed there, so every write they make on the
 * to-site is carried back. PostgreSQL: the slot the to-site's source endpoint names is created
 * first, then the position is read. Oracle: the SCN is read when no transaction is open.
 * A task that already exists (from an earlier switchover of the pair) is reused, not recreated.
 */
public final class BackwardTaskSetup {
    static final String START_REQUESTED = "backwardTaskStartRequestedAt";

    private final Replication replication;
    private final SourceProbes probes;
    private final RunStore runs;
    private final Clock clock;

    public BackwardTaskSetup(Replication replication, SourceProbes probes, RunStore runs, Clock clock) {
        this.replication = replication;
        this.probes = probes;
        this.runs = runs;
        this.clock = clock;
    }

    public SwitchoverState.BackwardTask create(SwitchoverState state) {
        SwitchoverInput in = state.input();
        String id = in.backwardTaskIdentifier();
        Optional<TaskDescription> existing = replication.findTaskByIdentifier(id);
        if (existing.isPresent()) {
            TaskDescription t = existing.get();
            runs.recordResource(state.runId(), "backwardTaskArn", t.arn());
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
        TaskDescription task = replication.createTask(new TaskSpec(id, in.dms().replicationInstanceArn(),
                source.sourceEndpointArn(), in.fromSite().targetEndpointArn(), "cdc", TwoWayTasks.backwardMappings(in),
                TwoWayTasks.backwardSettings(in, forwardSettings), position.value(), state.runId()));
        runs.recordResource(state.runId(), "backwardTaskArn", task.arn());
        runs.recordPosition(state.runId(), position.value());
        return new SwitchoverState.BackwardTask(task.arn(), id, task.status(), true, position.value(), slot);
    }

    /** StartReplicationTask (start-replication) once, for a task not yet started; a running one is left alone. */
    public SwitchoverState.BackwardTask start(SwitchoverState state) {
        TaskDescription task = describe(state);
        boolean requested = runs.run(state.runId()).map(RunRecord::resources)
                .map(r -> r.containsKey(START_REQUESTED)).orElse(false);
        if (task.isRunning()) return with(state, task.status());
        if (task.isFailed()) {
            throw new StepFailed("backward task " + task.identifier() + " failed: " + task.lastFailureMessage());
        }
        if ("ready".equals(task.status()) && !requested) {
            runs.recordResource(state.runId(), START_REQUESTED, clock.instant().toString());
            replication.startTask(task.arn(), state.backward().position() != null ? state.backward().position()
                    : task.cdcStartPosition());
            return with(state, "starting");
        }
        if (task.isStartable()) {
            // start-replication works once: a stopped task after our start is a failure, not a retry.
            throw new StepFailed("backward task " + task.identifier() + " is " + task.status()
                    + (requested ? " after it was started" : "") + (task.stopReason() == null ? "" : " (" + task.stopReason() + ")"));
        }
        if ("creating".equals(task.status()) || "modifying".equals(task.status())) {
            throw new NotReadyYet("backward task " + task.identifier() + " is " + task.status());
        }
        return with(state, task.status());
    }

    /** Polled until running: failed or stopped end the run, and so does the start timeout. */
    public SwitchoverState.BackwardTask check(SwitchoverState state) {
        TaskDescription task = describe(state);
        if (task.isFailed() || "stopped".equals(task.status())) {
            throw new StepFailed("backward task " + task.identifier() + " is " + task.status() + ": "
                    + (task.lastFailureMessage() != null ? task.lastFailureMessage() : task.stopReason()));
        }
        String started = runs.run(state.runId()).map(RunRecord::resources).map(r -> r.get(START_REQUESTED)).orElse(null);
        long waited = started == null ? 0 : Duration.between(Instant.parse(started), clock.instant()).toSeconds();
        if (!task.isRunning() && waited >= state.input().limits().taskStartTimeoutSeconds()) {
            throw new StepFailed("backward task " + task.identifier() + " still " + task.status() + " after " + waited + " s");
        }
        return with(state, task.status());
    }

    private SwitchoverState.BackwardTask with(SwitchoverState state, String status) {
        SwitchoverState.BackwardTask b = state.backward();
        return new SwitchoverState.BackwardTask(b.taskArn(), b.taskIdentifier(), status, b.created(), b.position(),
                b.slotName());
    }

    private TaskDescription describe(SwitchoverState state) {
        return replication.describeTask(state.backward().taskArn())
                .orElseThrow(() -> new StepFailed("backward task " + state.backward().taskArn() + " does not exist"));
    }
}
