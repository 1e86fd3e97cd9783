package io.cutover.rehearsal.local;

import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
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
        if (!e.server().isRunning()) {
            return Optional.of(new InstanceDescription(instanceId, arn, "stopped", "postgres", e.replicaOf(),
                    e.server().host(), e.server().port(), false, List.of()));
        }
        boolean inRecovery = inRecovery(e.server());
        Instant until = promotingUntil.get(instanceId);
        String status = until != null && Instant.now().isBefore(until) ? "modifying" : "available";
        if (until != null && inRecovery) status = "modifying";
        List<String> replicas = entries.values().stream()
                .filter(r -> instanceId.equals(r.replicaOf()) && !promotingUntil.containsKey(r.id()))
                .map(Entry::id).toList();
        return Optional.of(new InstanceDescription(instanceId, arn, status, "postgres",
                inRecovery ? e.replicaOf() : null, e.server().host(), e.server().port(), false, replicas, Map.of(),
                retention.get(instanceId), null));
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

    // Minimal compile fixes for the migration's new port methods (branch migrun); local clusters,
    // snapshots and parameter groups are the migration rehearsal's (branch migreh) to build.
    @Override
    public Optional<io.cutover.instance.ClusterDescription> describeCluster(String clusterId) {
        return Optional.empty(); // no Aurora clusters here
    }

    @Override
    public void createInstanceSnapshot(String instanceId, String snapshotId, String runId) {
        throw new UnsupportedOperationException("LocalInstances.createInstanceSnapshot: not rehearsed yet");
    }

    @Override
    public void createClusterSnapshot(String clusterId, String snapshotId, String runId) {
        throw new UnsupportedOperationException("LocalInstances.createClusterSnapshot: no clusters here");
    }

    @Override
    public Optional<io.cutover.instance.SnapshotDescription> describeInstanceSnapshot(String snapshotId) {
        throw new UnsupportedOperationException("LocalInstances.describeInstanceSnapshot: not rehearsed yet");
    }

    @Override
    public Optional<io.cutover.instance.SnapshotDescription> describeClusterSnapshot(String snapshotId) {
        return Optional.empty(); // no clusters here
    }

    @Override
    public Optional<String> parameterValue(io.cutover.instance.ParameterGroupRef group, String parameter) {
        throw new UnsupportedOperationException("LocalInstances.parameterValue: not rehearsed yet");
    }

    @Override
    public void setParameter(io.cutover.instance.ParameterGroupRef group, String parameter, String value,
                             ApplyMethod applyMethod) {
        throw new UnsupportedOperationException("LocalInstances.setParameter: not rehearsed yet");
    }

    @Override
    public void reboot(String instanceId) {
        throw new UnsupportedOperationException("LocalInstances.reboot: not rehearsed yet");
    }
}
