package io.cutover.rehearsal.local;

import io.cutover.instance.ClusterDescription;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.instance.SnapshotDescription;
import io.cutover.rehearsal.pg.PgServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RDS for the rehearsal: each "DB instance" is a real PostgreSQL server. Describe reads the
 * server itself (in recovery = still a replica). Promotion behaves like RDS's: the instance is
 * "modifying" for a while (RDS reboots it), pg_promote does the real work, and RDS-shaped events
 * are published on the local bus - one while still modifying (which must not complete anything),
 * then "restarted" and "backup finished" once it is available.
 */
public final class LocalInstances implements DatabaseInstances {
    private record Entry(String id, PgServer server, String replicaOf) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Instant> promotingUntil = new ConcurrentHashMap<>();
    /** Aurora clusters: cluster id -> writer instance id, and back. */
    private final Map<String, String> clusters = new ConcurrentHashMap<>();
    private final Map<String, String> clusterOf = new ConcurrentHashMap<>();
    private final Map<String, String> groups = new ConcurrentHashMap<>();
    private final Map<ParameterGroupRef, Map<String, String>> parameters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final java.util.Set<String> rebooting = ConcurrentHashMap.newKeySet();
    private volatile Duration snapshotTakes = Duration.ofSeconds(2);
    /** BackupRetentionPeriod set by a promotion; before it, RDS shows 7 days on a source, 0 on a replica. */
    private final Map<String, Integer> retention = new ConcurrentHashMap<>();
    private final ExecutorService promotions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-rds-promotion");
        t.setDaemon(true);
        return t;
    });
    private final LocalEventBus bus;
    private final Duration modifyingFor;

    static final int SOURCE_RETENTION_DAYS = 7;

    public LocalInstances(LocalEventBus bus, Duration modifyingFor) {
        this.bus = bus;
        this.modifyingFor = modifyingFor;
    }

    public void add(String id, PgServer server, String replicaOf) {
        entries.put(id, new Entry(id, server, replicaOf));
        promotingUntil.remove(id);
        retention.put(id, replicaOf == null ? SOURCE_RETENTION_DAYS : 0);
    }

    @Override
    public Optional<InstanceDescription> describe(String instanceId) {
        Entry e = entries.get(instanceId);
        if (e == null) return Optional.empty();
        String arn = "arn:aws:rds:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT + ":db:" + instanceId;
        String engine = clusterOf.containsKey(instanceId) ? "aurora-postgresql" : "postgres";
        if (rebooting.contains(instanceId) || !e.server().isRunning()) {
            return Optional.of(new InstanceDescription(instanceId, arn, rebooting.contains(instanceId) ? "rebooting" : "stopped",
                    engine, e.replicaOf(), e.server().host(), e.server().port(), false, List.of(), Map.of(),
                    retention.get(instanceId), null, clusterOf.get(instanceId), parameterGroupOf(instanceId)));
        }
        boolean inRecovery = inRecovery(e.server());
        Instant until = promotingUntil.get(instanceId);
        String status = until != null && Instant.now().isBefore(until) ? "modifying" : "available";
        if (until != null && inRecovery) status = "modifying";
        List<String> replicas = entries.values().stream()
                .filter(r -> instanceId.equals(r.replicaOf()) && !promotingUntil.containsKey(r.id()))
                .map(Entry::id).toList();
        return Optional.of(new InstanceDescription(instanceId, arn, status, engine,
                inRecovery ? e.replicaOf() : null, e.server().host(), e.server().port(), false, replicas, Map.of(),
                retention.get(instanceId), null, clusterOf.get(instanceId), parameterGroupOf(instanceId)));
    }

    /** What RDS does with BackupRetentionPeriod: the promoted instance keeps exactly what was sent. */
    @Override
    public void promote(String instanceId, int backupRetentionDays) {
        InstanceDescription d = describe(instanceId)
                .orElseThrow(() -> new IllegalArgumentException("DBInstanceNotFound: " + instanceId));
        if (!d.isReplica() || !d.isAvailable()) {
            throw new IllegalStateException("InvalidDBInstanceState: " + instanceId + " is " + d.status()
                    + (d.isReplica() ? "" : " and not a read replica"));
        }
        promotingUntil.put(instanceId, Instant.now().plus(modifyingFor));
        retention.put(instanceId, backupRetentionDays);
        Entry e = entries.get(instanceId);
        promotions.submit(() -> {
            bus.rdsInstanceEvent(instanceId, "RDS-EVENT-0004", "availability", "DB instance shutdown");
            try (Connection c = e.server().connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_promote(true, 60)");
            } catch (SQLException ex) {
                System.err.println("promotion of " + instanceId + " failed: " + ex.getMessage());
                return;
            }
            sleepUntil(promotingUntil.get(instanceId));
            bus.rdsInstanceEvent(instanceId, "RDS-EVENT-0006", "availability", "DB instance restarted");
            bus.rdsInstanceEvent(instanceId, "RDS-EVENT-0002", "backup", "Finished DB Instance backup");
        });
    }

    private static boolean inRecovery(PgServer server) {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException ex) {
            throw new IllegalStateException("could not describe " + server.name() + ": " + ex.getMessage(), ex);
        }
    }

    private static void sleepUntil(Instant until) {
        long ms = Duration.between(Instant.now(), until).toMillis();
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An Aurora cluster of one writer: the server is its writer instance {@code <clusterId>-instance-1}
     * (an instance like any other, with its cluster id), the cluster endpoint is the server's address,
     * and its cluster parameter group is {@code <clusterId>-cluster-params}.
     */
    public void addCluster(String clusterId, PgServer writer) {
        String instanceId = clusterId + "-instance-1";
        add(instanceId, writer, null);
        clusterOf.put(instanceId, clusterId);
        clusters.put(clusterId, instanceId);
    }

    /** The parameter group an instance describes with: its own custom one unless told otherwise. */
    public void parameterGroup(String instanceId, String group) {
        groups.put(instanceId, group);
    }

    private String parameterGroupOf(String instanceId) {
        return groups.getOrDefault(instanceId, instanceId + "-params");
    }

    @Override
    public Optional<ClusterDescription> describeCluster(String clusterId) {
        String writerId = clusters.get(clusterId);
        if (writerId == null) return Optional.empty();
        Entry e = entries.get(writerId);
        String status = describe(writerId).map(InstanceDescription::status).orElse("unknown");
        return Optional.of(new ClusterDescription(clusterId, "arn:aws:rds:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT
                + ":cluster:" + clusterId, status, "aurora-postgresql", e.server().host(), e.server().host(),
                e.server().port(), clusterId + "-cluster-params", writerId, List.of(writerId)));
    }

    /** A snapshot: RDS-shaped states only (creating, then available); no data is copied. */
    private record Snapshot(String id, String arn, String sourceId, boolean cluster, Instant readyAt) {
    }

    @Override
    public void createInstanceSnapshot(String instanceId, String snapshotId, String runId) {
        InstanceDescription d = describe(instanceId)
                .orElseThrow(() -> new IllegalArgumentException("DBInstanceNotFound: " + instanceId));
        if (!d.isAvailable()) throw new IllegalStateException("InvalidDBInstanceState: " + instanceId + " is " + d.status());
        snapshot(snapshotId, instanceId, false);
    }

    @Override
    public void createClusterSnapshot(String clusterId, String snapshotId, String runId) {
        ClusterDescription c = describeCluster(clusterId)
                .orElseThrow(() -> new IllegalArgumentException("DBClusterNotFoundFault: " + clusterId));
        if (!c.isAvailable()) throw new IllegalStateException("InvalidDBClusterStateFault: " + clusterId + " is " + c.status());
        snapshot(snapshotId, clusterId, true);
    }

    private void snapshot(String snapshotId, String sourceId, boolean cluster) {
        String arn = "arn:aws:rds:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT + ":" + (cluster ? "cluster-snapshot:" : "snapshot:")
                + snapshotId;
        Snapshot s = new Snapshot(snapshotId, arn, sourceId, cluster, Instant.now().plus(snapshotTakes));
        if (snapshots.putIfAbsent(snapshotId, s) != null) {
            throw new IllegalStateException((cluster ? "DBClusterSnapshotAlreadyExistsFault: " : "DBSnapshotAlreadyExists: ")
                    + snapshotId);
        }
        bus.rdsSnapshotEvent(snapshotId, cluster, cluster ? "RDS-EVENT-0074" : "RDS-EVENT-0040",
                cluster ? "Creating manual cluster snapshot" : "Creating manual snapshot");
        promotions.submit(() -> {
            sleepUntil(s.readyAt());
            bus.rdsSnapshotEvent(snapshotId, cluster, cluster ? "RDS-EVENT-0075" : "RDS-EVENT-0042",
                    cluster ? "Manual cluster snapshot created" : "Manual snapshot created");
        });
    }

    @Override
    public Optional<SnapshotDescription> describeInstanceSnapshot(String snapshotId) {
        return describeSnapshot(snapshotId, false);
    }

    @Override
    public Optional<SnapshotDescription> describeClusterSnapshot(String snapshotId) {
        return describeSnapshot(snapshotId, true);
    }

    private Optional<SnapshotDescription> describeSnapshot(String snapshotId, boolean cluster) {
        Snapshot s = snapshots.get(snapshotId);
        if (s == null || s.cluster() != cluster) return Optional.empty();
        boolean done = !Instant.now().isBefore(s.readyAt());
        return Optional.of(new SnapshotDescription(s.id(), s.arn(), s.sourceId(), done ? "available" : "creating",
                done ? 100 : 0));
    }

    /** Parameter values set by the user, per parameter group. */
    @Override
    public Optional<String> parameterValue(ParameterGroupRef group, String parameter) {
        return Optional.ofNullable(parameters.getOrDefault(group, Map.of()).get(parameter));
    }

    /**
     * Sets the parameter in the group; on the servers of the instances (or cluster writer) using
     * the group it takes effect at once with IMMEDIATE (ALTER SYSTEM and a reload) or at their next
     * {@link #reboot} with PENDING_REBOOT. A {@code default.} group is refused, as RDS does.
     */
    @Override
    public void setParameter(ParameterGroupRef group, String parameter, String value, ApplyMethod applyMethod) {
        if (group.isDefault()) {
            throw new IllegalArgumentException("InvalidParameterValue: default parameter groups cannot be modified: " + group.name());
        }
        parameters.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(parameter, value);
        for (String instanceId : instancesUsing(group)) {
            if (applyMethod == ApplyMethod.IMMEDIATE) {
                apply(entries.get(instanceId).server(), parameter, value, true);
            } else {
                pending.computeIfAbsent(instanceId, i -> new ConcurrentHashMap<>()).put(parameter, value);
            }
        }
    }

    private List<String> instancesUsing(ParameterGroupRef group) {
        return entries.keySet().stream().filter(id -> group.cluster()
                ? clusterOf.containsKey(id) && (clusterOf.get(id) + "-cluster-params").equals(group.name())
                : parameterGroupOf(id).equals(group.name())).toList();
    }

    /** RebootDBInstance: "rebooting" while the server restarts for real, pending parameters applied; RDS events. */
    @Override
    public void reboot(String instanceId) {
        InstanceDescription d = describe(instanceId)
                .orElseThrow(() -> new IllegalArgumentException("DBInstanceNotFound: " + instanceId));
        if (!d.isAvailable()) throw new IllegalStateException("InvalidDBInstanceState: " + instanceId + " is " + d.status());
        rebooting.add(instanceId);
        Entry e = entries.get(instanceId);
        promotions.submit(() -> {
            try {
                bus.rdsInstanceEvent(instanceId, "RDS-EVENT-0004", "availability", "DB instance shutdown");
                Map<String, String> apply = pending.remove(instanceId);
                if (apply != null) apply.forEach((p, v) -> apply(e.server(), p, v, false));
                e.server().stop();
                e.server().start();
                bus.rdsInstanceEvent(instanceId, "RDS-EVENT-0006", "availability", "DB instance restarted");
            } finally {
                rebooting.remove(instanceId);
            }
        });
    }

    private static void apply(PgServer server, String parameter, String value, boolean reload) {
        if (!parameter.matches("[a-z_.]+")) throw new IllegalArgumentException("InvalidParameterValue: " + parameter);
        if (parameter.startsWith("rds.")) return; // RDS's own (e.g. rds.logical_replication): PostgreSQL has no such setting
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET " + parameter + " = '" + value.replace("'", "''") + "'");
            if (reload) s.execute("SELECT pg_reload_conf()");
        } catch (SQLException ex) {
            throw new IllegalStateException("InvalidParameterValue: " + parameter + "=" + value + ": " + ex.getMessage(), ex);
        }
    }
}
