package io.cutover.migrate.run;

import io.cutover.input.MigrateInput;
import io.cutover.migrate.preparation.RoleRestore;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RouteApplications;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;

import java.util.ArrayList;
import java.util.List;

/**
 * The safe state after any failure. Before routing: the applications on the source again and
 * open, the DMS apply user's role (or the target's parameter group) restored on the target,
 * held-back objects recreated. After
 * routing (the applications may have written on the target) they stay on the target and are
 * opened: going back is the failback runbook's job (the switchover, B_TO_A), not a rollback's.
 * Nothing is deleted or stopped: the task, its endpoints, the snapshot and the target's rows
 * stay; the cause names them.
 */
public final class MigrateRollback {
    private final RouteApplications routing;
    private final ThawApplications thaw;
    private final TargetPreparation target;
    private final RestoreHeldBack restore;
    private final RunRollback run;
    private final TargetParameterGroup parameterGroup;

    public MigrateRollback(RouteApplications routing, ThawApplications thaw, TargetPreparation target,
                           RestoreHeldBack restore, RunRollback run, TargetParameterGroup parameterGroup) {
        this.routing = routing;
        this.thaw = thaw;
        this.target = target;
        this.restore = restore;
        this.run = run;
        this.parameterGroup = parameterGroup;
    }

    public RolledBack rollBack(MigrationState state) {
        MigrateInput in = state.input();
        RunRollback.Failure failure = run.failure(state);
        boolean routed = failure.recorded(RouteApplications.ROUTED_AT);
        List<String> problems = new ArrayList<>();
        List<String> undone = new ArrayList<>();

        List<String> routedBack = List.of();
        if (!routed) {
            try {
                routedBack = routing.routeBack(in.applications(), in.source().site());
            } catch (RuntimeException e) {
                problems.add("could not route every application back to " + in.source().site() + " (" + e.getMessage()
                        + "); check the appmap");
            }
            if (state.databases() != null) undoTargetPreparation(state, failure, undone, problems);
        }
        List<String> thawed = List.of();
        try {
            thawed = thaw.thaw(state.runId(), in.applications());
        } catch (RuntimeException e) {
            problems.add("could not thaw every application (" + e.getMessage() + "); check the appmap");
        }

        StringBuilder cause = failure.cause();
        if (routed) {
            cause.append(" The applications had been routed to the target (").append(in.target().site())
                    .append(") and stay there, thawed: ").append(thawed.isEmpty() ? "none" : String.join(", ", thawed))
                    .append("; to go back, run the switchover runbook's failback (B_TO_A).");
        } else {
            cause.append(" Applications on the source (").append(in.source().site()).append(") (routed back: ")
                    .append(routedBack.isEmpty() ? "none needed" : String.join(", ", routedBack)).append("; thawed: ")
                    .append(thawed.isEmpty() ? "none" : String.join(", ", thawed)).append(").");
        }
        if (!undone.isEmpty()) cause.append(" On the target: ").append(String.join("; ", undone)).append('.');
        List<String> leftInPlace = failure.recordedOf(List.of(MigrationTaskSetup.TASK.arnResource(), SourceSnapshot.SNAPSHOT));
        cause.append(" Left in place (rollback deletes and stops nothing): ")
                .append(leftInPlace.isEmpty() ? "nothing the run created" : String.join(", ", leftInPlace))
                .append("; the target's rows stay as loaded.");
        twoWayDoorLeftInPlace(in, failure, routed, cause);
        for (String p : problems) cause.append(' ').append(p).append('.');
        return run.rolledBack(state, failure, cause.toString(), routedBack, thawed);
    }

    /**
     * afterCutover twoWayDoor: the backward task and its slot stay, and so does a started task
     * running. Safe: before the routing the applications are back on the source and the target
     * takes only the migration task's writes, which loopback prevention keeps from coming back;
     * after it, the task is what carries the target's writes home for the failback. Left running,
     * a retried run finds it and goes on with it (a stopped one could not be started again).
     */
    private static void twoWayDoorLeftInPlace(MigrateInput in, RunRollback.Failure failure, boolean routed, StringBuilder cause) {
        if (in.twoWayDoor() == null) return;
        List<String> door = failure.recordedOf(List.of(io.cutover.switchover.BackwardTaskSetup.BACKWARD_TASK.arnResource(),
                io.cutover.switchover.BackwardTaskSetup.BACKWARD_SLOT));
        if (door.isEmpty()) return;
        String id = in.twoWayDoor().backwardTaskIdentifier();
        cause.append(" Two-way door left in place: ").append(String.join(", ", door)).append('.');
        if (!failure.recorded(io.cutover.switchover.BackwardTaskSetup.BACKWARD_TASK.startResource())) {
            cause.append(" Backward task ").append(id).append(" was not started (nothing to carry back).");
        } else if (!routed) {
            cause.append(" Backward task ").append(id).append(" was started and keeps running: the applications are on the"
                    + " source and the target takes only the migration task's writes, which loopback prevention keeps from"
                    + " coming back; a write made on the target by hand would reach the source - stop the task"
                    + " (aws dms stop-replication-task) before any.");
        } else {
            cause.append(" Backward task ").append(id).append(" keeps running: it carries the applications' writes on the"
                    + " target back to the source, which the failback (switchover runbook, B_TO_A) relies on.");
        }
    }

    /** The apply user's role back as it was; the held-back objects recreated (the recreation is idempotent). */
    private void undoTargetPreparation(MigrationState state, RunRollback.Failure failure, List<String> undone,
                                       List<String> problems) {
        RoleSetting role = recordedRole(state, failure);
        if (role != null && role.changedByRun()) {
            try {
                RoleRestore r = target.restoreRole(state.targetConnection(), role);
                undone.add("session_replication_role of " + role.role() + " restored"
                        + (r.note() == null ? "" : " (" + r.note() + ")"));
            } catch (RuntimeException e) {
                problems.add("could not restore session_replication_role of " + role.role() + " (" + e.getMessage()
                        + "): run ALTER ROLE " + role.role() + " IN DATABASE " + role.database() + " RESET session_replication_role");
            }
        }
        MigrationState.ParameterChange parameter = recordedParameter(state, failure);
        if (parameter != null) {
            try {
                undone.add(parameterGroup.undo(parameter));
            } catch (RuntimeException e) {
                problems.add("could not set " + TargetParameterGroup.PARAMETER + " back in parameter group " + parameter.group()
                        + " (" + e.getMessage() + "): run aws rds modify-db-" + (parameter.cluster() ? "cluster-" : "")
                        + "parameter-group --db-" + (parameter.cluster() ? "cluster-" : "") + "parameter-group-name "
                        + parameter.group() + " --parameters \"ParameterName=" + TargetParameterGroup.PARAMETER
                        + ",ParameterValue=origin,ApplyMethod=" + parameter.applyMethod() + "\""
                        + (parameter.cluster() ? " and reboot " + parameter.instanceId() : ""));
            }
        }
        MigrationState.Preparation p = state.preparation();
        if (p != null && !p.heldBack().isEmpty()) {
            try {
                MigrationState.Restored r = restore.restore(state);
                undone.add(r.objects().size() + " held-back object(s) recreated");
            } catch (RuntimeException e) {
                problems.add("could not recreate every held-back object (" + e.getMessage()
                        + "); the run item lists them under " + PrepareTarget.HELD_BACK);
            }
        }
    }

    /**
     * The parameter group change from the state, or from the run item when the step that made it
     * failed before returning (recorded before the group was changed).
     */
    private static MigrationState.ParameterChange recordedParameter(MigrationState state, RunRollback.Failure failure) {
        if (state.preparation() != null && state.preparation().parameter() != null) return state.preparation().parameter();
        if (!failure.recorded(TargetParameterGroup.GROUP)) return null;
        return TargetParameterGroup.recorded(failure.resources().get(TargetParameterGroup.GROUP),
                failure.resources().get(TargetParameterGroup.PREVIOUS), state.databases().target().writerInstanceId());
    }

    /**
     * The role change from the state, or - when the step that set it failed before returning -
     * from the run item, where it was recorded right after the change.
     */
    private static RoleSetting recordedRole(MigrationState state, RunRollback.Failure failure) {
        if (state.preparation() != null && state.preparation().role() != null) return state.preparation().role();
        if (!failure.recorded(PrepareTarget.ROLE_PREVIOUS)) return null;
        String previous = failure.resources().get(PrepareTarget.ROLE_PREVIOUS);
        MigrateInput in = state.input();
        return new RoleSetting(in.target().applyUser(), in.target().database(), "-".equals(previous) ? null : previous,
                "ALTER ROLE " + in.target().applyUser() + " SET session_replication_role = replica");
    }
}
