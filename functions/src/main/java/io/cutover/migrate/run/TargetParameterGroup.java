package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.DatabaseInstances.ApplyMethod;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.run.RunStore;
import io.cutover.switchover.ReplicationRole;
import io.cutover.switchover.SiteDatabases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code session_replication_role} through the target's parameter group ({@code replicationRoleRoute
 * parameterGroup}): every session of the target, DMS's apply sessions included. An RDS instance's DB
 * parameter group takes it {@code immediate} (PostgreSQL's setting is dynamic); an Aurora cluster's DB
 * cluster parameter group takes it {@code pending-reboot} and the run reboots the writer (FACTS.md:
 * changed there it needs a reboot; pending-reboot is valid for dynamic and static parameters alike).
 * Nothing is assumed from the API call: {@link #check} reads a new session on the target until it
 * shows the value, bounded by {@code limits.parameterApplySeconds}.
 */
public final class TargetParameterGroup {
    public static final String PARAMETER = "session_replication_role";
    /** Run item resources, recorded before the group is changed: the group, and its own value before ("-": none). */
    public static final String GROUP = "targetParameterGroup";
    public static final String PREVIOUS = "targetParameterPrevious";
    private static final String REPLICA = "replica";
    private static final String ORIGIN = "origin";

    private final DatabaseInstances instances;
    private final SiteDatabases databases;
    private final RunStore runs;
    private final Clock clock;

    public TargetParameterGroup(DatabaseInstances instances, SiteDatabases databases, RunStore runs, Clock clock) {
        this.instances = instances;
        this.databases = databases;
        this.runs = runs;
        this.clock = clock;
    }

    /** PrepareTarget: replica in the target's group, the group and its value before recorded in the run item first. */
    public MigrationState.ParameterChange setReplica(MigrationState state) {
        MigrationState.Endpoint at = state.databases().target();
        if (at.parameterGroup() == null) {
            throw new StepFailed("target " + state.input().target().label() + ": RDS reports no parameter group");
        }
        ParameterGroupRef group = new ParameterGroupRef(at.parameterGroup(), state.input().target().isCluster());
        String previous = instances.parameterValue(group, PARAMETER).orElse(null);
        runs.recordResources(state.runId(), Map.of(GROUP, (group.cluster() ? "cluster:" : "") + group.name(),
                PREVIOUS, previous == null ? "-" : previous));
        return set(group, at.writerInstanceId(), previous, REPLICA);
    }

    /**
     * RestoreTargetRole and the rollback: the group's value before the run - origin when it had none,
     * or had replica itself (the applications must write with triggers and foreign keys firing).
     */
    public MigrationState.ParameterChange setBack(MigrationState.ParameterChange prepared) {
        String value = prepared.previous() == null || REPLICA.equals(prepared.previous()) ? ORIGIN : prepared.previous();
        return set(new ParameterGroupRef(prepared.group(), prepared.cluster()), prepared.instanceId(), prepared.previous(),
                value);
    }

    /**
     * The change as the run item recorded it (the step that made it failed before returning), or null.
     *
     * @param group    the {@link #GROUP} resource ("cluster:" prefix for a cluster group)
     * @param previous the {@link #PREVIOUS} resource
     */
    public static MigrationState.ParameterChange recorded(String group, String previous, String instanceId) {
        if (group == null || previous == null) return null;
        boolean cluster = group.startsWith("cluster:");
        return new MigrationState.ParameterChange(cluster ? group.substring("cluster:".length()) : group, cluster, instanceId,
                "-".equals(previous) ? null : previous, REPLICA, method(cluster).rdsName(), null, null, null, false, 0);
    }

    private MigrationState.ParameterChange set(ParameterGroupRef group, String instanceId, String previous, String value) {
        ApplyMethod method = method(group.cluster());
        instances.setParameter(group, PARAMETER, value, method);
        return new MigrationState.ParameterChange(group.name(), group.cluster(), instanceId, previous, value,
                method.rdsName(), clock.instant(), null, null, false, 0);
    }

    /**
     * Polled until a new session on the target shows the value: while the instance is not available
     * (rebooting) it waits; a pending-reboot change not yet seen reboots the writer once. A database-
     * or apply-user-level setting that hides the group's value fails at once, naming the statement that
     * removes it; not seen within {@code limits.parameterApplySeconds} fails with what to check.
     */
    public MigrationState.ParameterChange check(MigrationState state, MigrationState.ParameterChange p) {
        if (p == null || p.inEffect()) return p;
        MigrateInput in = state.input();
        InstanceDescription writer = instances.describe(p.instanceId())
                .orElseThrow(() -> new StepFailed("target instance " + p.instanceId() + " does not exist"));
        Instant rebootedAt = p.rebootedAt();
        String seen = null;
        if (writer.isAvailable()) {
            ReplicationRole now = databases.forEngine(in.engine()).replicationRole(state.targetConnection());
            seen = now.effective();
            List<String> hiding = hiding(now.overrides(), in.target().applyUser(), p.value());
            if (!hiding.isEmpty()) {
                throw new StepFailed(PARAMETER + " = " + p.value() + " in parameter group " + p.group()
                        + " is hidden on the target by " + String.join("; ", hiding)
                        + " (a database or role setting wins over the group): remove it (ALTER DATABASE/ROLE ... RESET "
                        + PARAMETER + ") or use replicationRoleRoute role");
            }
            if (p.value().equals(seen)) return p.checked(rebootedAt, seen, true, p.rdsStatus());
            if (ApplyMethod.PENDING_REBOOT.rdsName().equals(p.applyMethod()) && rebootedAt == null) {
                instances.reboot(p.instanceId());
                rebootedAt = clock.instant();
            }
        }
        String rds = rdsStatus(state, p, writer);
        long waited = Duration.between(p.requestedAt(), clock.instant()).toSeconds();
        if (waited >= in.limits().parameterApplySeconds()) {
            throw new StepFailed(PARAMETER + " = " + p.value() + " set in parameter group " + p.group() + " ("
                    + p.applyMethod() + (rebootedAt == null ? "" : ", " + p.instanceId() + " rebooted") + ") is not in effect after "
                    + waited + " s: a new session on the target shows " + (seen == null ? "nothing (instance " + writer.status() + ")" : seen)
                    + "; " + rdsSays(p, rds));
        }
        return p.checked(rebootedAt, seen, false, rds);
    }

    /**
     * What RDS says of the group on the instance: DescribeDBInstances DBParameterGroups[].ParameterApplyStatus,
     * or for an Aurora cluster DescribeDBClusters DBClusterMembers[].DBClusterParameterGroupStatus of the writer.
     */
    private String rdsStatus(MigrationState state, MigrationState.ParameterChange p, InstanceDescription writer) {
        if (!p.cluster()) return writer.parameterApplyStatus();
        return instances.describeCluster(state.input().target().id())
                .map(c -> c.memberParameterStatus().get(p.instanceId())).orElse(null);
    }

    /** RDS's status in plain words, with what to do about it. */
    static String rdsSays(MigrationState.ParameterChange p, String status) {
        String field = p.cluster() ? "DBClusterMembers[" + p.instanceId() + "].DBClusterParameterGroupStatus"
                : "DBParameterGroups[" + p.group() + "].ParameterApplyStatus";
        if (status == null) {
            return "RDS reports no " + field + "; check aws rds describe-db-" + (p.cluster() ? "clusters" : "instances");
        }
        return "RDS reports " + field + " " + status + switch (status) {
            case "applying" -> " (RDS is still applying the group: wait longer, limits.parameterApplySeconds)";
            case "pending-reboot" -> " (the change waits for a reboot: aws rds reboot-db-instance --db-instance-identifier "
                    + p.instanceId() + ", then start the run again)";
            case "in-sync" -> " (the group is applied, yet a new session does not show it: look for a setting that hides it)";
            default -> "";
        };
    }

    /** The undo a rollback cannot wait for: set back, and the writer rebooted when the change needs it. */
    public String undo(MigrationState.ParameterChange prepared) {
        MigrationState.ParameterChange back = setBack(prepared);
        String done = "parameter group " + back.group() + ": " + PARAMETER + " set back to " + back.value() + " ("
                + back.applyMethod();
        if (ApplyMethod.PENDING_REBOOT.rdsName().equals(back.applyMethod())) {
            boolean available = instances.describe(back.instanceId()).map(InstanceDescription::isAvailable).orElse(false);
            if (available) {
                instances.reboot(back.instanceId());
                done += ", " + back.instanceId() + " rebooted to apply it";
            } else {
                done += "; reboot " + back.instanceId() + " once it is available: aws rds reboot-db-instance"
                        + " --db-instance-identifier " + back.instanceId();
            }
        }
        return done + "; not waited for: SHOW " + PARAMETER + " in a new session on the target)";
    }

    static ApplyMethod method(boolean cluster) {
        return cluster ? ApplyMethod.PENDING_REBOOT : ApplyMethod.IMMEDIATE;
    }

    /**
     * Database-wide settings, and the apply user's, with another value: PostgreSQL applies them over the
     * server's configuration. {@code overrides} as {@link ReplicationRole} describes them
     * ("database orders, role dms_apply: origin", "database orders: replica").
     */
    static List<String> hiding(List<String> overrides, String applyUser, String value) {
        List<String> out = new ArrayList<>();
        for (String o : overrides) {
            int colon = o.indexOf(": ");
            if (colon < 0) continue;
            String who = o.substring(0, colon);
            String setting = o.substring(colon + 2).split(" ", 2)[0];
            int role = who.indexOf(", role ");
            boolean applies = role < 0 || (applyUser != null && who.substring(role + ", role ".length()).equals(applyUser));
            if (applies && !setting.equals(value)) out.add(o);
        }
        return List.copyOf(out);
    }
}
