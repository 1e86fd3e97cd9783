package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.migrate.preparation.RoleRestore;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.switchover.SentinelTrip;
import io.cutover.switchover.SiteDatabase;
import io.cutover.switchover.SiteDatabases;

import java.time.Duration;

/**
 * The cutover's own steps between the kernel's freeze, routing and thaw: the drain (a sentinel
 * through the task while the applications are frozen), the apply user's role back to what it
 * was (the target takes its applications' writes with triggers and foreign keys firing), a
 * write seen on the target after the thaw, and the task stopped (or left running for the
 * two-way door).
 */
public record MigrationCutover(SiteDatabases databases, TargetPreparation target, Replication replication,
                               TargetParameterGroup parameterGroup) {

    /** Frozen: the last change on the source reaches the target (a sentinel written after the freeze). */
    public MigrationState.Drained drain(MigrationState state) {
        MigrateInput in = state.input();
        String id = state.runId() + "/drain";
        SentinelTrip.Trip trip = SentinelTrip.measure(databases.forEngine(in.sourceEngine()), state.sourceConnection(),
                in.sentinelSchema(), db(in), state.targetConnection(), in.sentinelSchema(), in.sentinelTable(), id, in.source().site(),
                Duration.ofSeconds(in.limits().drainWaitSeconds()));
        if (!trip.arrived()) {
            throw new StepFailed("drain: sentinel " + id + " written on the source did not reach the target within "
                    + in.limits().drainWaitSeconds() + " s; check migration task " + in.taskIdentifier());
        }
        return new MigrationState.Drained(id, trip.seconds());
    }

    /**
     * session_replication_role of the apply user as before the run (origin unless it was set otherwise);
     * through the parameter group, the group's value before the run (origin when it had none), then
     * CheckTargetParameterRestored waits until it is in effect.
     */
    public MigrationState.RoleRestored restoreRole(MigrationState state) {
        MigrationState.ParameterChange prepared = state.preparation() == null ? null : state.preparation().parameter();
        if (prepared != null) {
            MigrationState.ParameterChange back = parameterGroup.setBack(prepared);
            return new MigrationState.RoleRestored("every session (parameter group " + back.group() + ")",
                    "session_replication_role = " + back.value() + " (" + back.applyMethod() + ")", back);
        }
        RoleSetting role = state.preparation() == null ? null : state.preparation().role();
        if (role == null) throw new StepFailed("restore role: the run item records no role change (PrepareTarget sets it)");
        if (!role.changedByRun()) return new MigrationState.RoleRestored(role.role(), "not changed by the run");
        RoleRestore r = target.restoreRole(state.targetConnection(), role);
        return new MigrationState.RoleRestored(role.role(), r.note() == null ? r.statement() : r.note());
    }

    /** CheckTargetParameterRestored: polled until the group's value shows in a new session on the target. */
    public MigrationState.RoleRestored checkRestoredParameter(MigrationState state) {
        MigrationState.RoleRestored r = state.roleRestored();
        return new MigrationState.RoleRestored(r.role(), r.note(), parameterGroup.check(state, r.parameter()));
    }

    /** After the thaw: a write on the target, read back (the target takes writes under the run's login). */
    public MigrationState.TargetWrites verifyTargetWrites(MigrationState state) {
        MigrateInput in = state.input();
        SiteDatabase db = db(in);
        String id = state.runId() + "/target-writes";
        long started = System.nanoTime();
        db.writeSentinel(state.targetConnection(), in.sentinelSchema(), in.sentinelTable(), id, in.target().site());
        if (!db.hasSentinel(state.targetConnection(), in.sentinelSchema(), in.sentinelTable(), id)) {
            throw new StepFailed("verify: a write on the target (" + in.target().label() + ") was not read back");
        }
        return new MigrationState.TargetWrites(id, Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
    }

    /** The task stops (afterCutover stopTask) or stays running for the two-way door's backward task. */
    public MigrationState.TaskStopped stopMigrationTask(MigrationState state) {
        MigrateInput in = state.input();
        TaskDescription task = replication.findTaskByIdentifier(in.taskIdentifier())
                .orElseThrow(() -> new StepFailed("migration task " + in.taskIdentifier() + " does not exist"));
        if (in.afterCutover() != MigrateInput.AfterCutover.STOP_TASK) {
            return new MigrationState.TaskStopped(task.arn(), task.status() + " (left running for the two-way door)");
        }
        if (task.isRunning()) replication.stopTask(task.arn());
        return new MigrationState.TaskStopped(task.arn(), task.isRunning() ? "stopping" : task.status());
    }

    private SiteDatabase db(MigrateInput in) {
        return databases.forEngine(in.engine());
    }
}
