package io.cutover.testing;

import io.cutover.instance.ClusterDescription;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.instance.SnapshotDescription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-in for RDS in unit tests: instances and clusters as set by the test, promote calls
 * counted; snapshots are created "creating" (the test makes them available); parameter groups
 * are maps; reboots recorded.
 */
public final class FakeInstances implements DatabaseInstances {
    private final Map<String, InstanceDescription> instances = new ConcurrentHashMap<>();
    public final Map<String, ClusterDescription> clusters = new ConcurrentHashMap<>();
    public final Map<String, SnapshotDescription> instanceSnapshots = new ConcurrentHashMap<>();
    public final Map<String, SnapshotDescription> clusterSnapshots = new ConcurrentHashMap<>();
    /** Parameter values by group ("cluster:" prefix for cluster groups) and name. */
    public final Map<String, Map<String, String>> parameters = new ConcurrentHashMap<>();
    public final List<String> reboots = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final AtomicInteger promoteCalls = new AtomicInteger();
    public final AtomicInteger describeCalls = new AtomicInteger();
    /** BackupRetentionPeriod of each PromoteReadReplica call, by instance. */
    public final Map<String, Integer> promotedRetention = new ConcurrentHashMap<>();

    public FakeInstances put(InstanceDescription d) {
        instances.put(d.id(), d);
        return this;
    }

    /** A source as RDS shows one with read replicas: automated backups on (7 days). */
    public static InstanceDescription primary(String id, String engine) {
        return new InstanceDescription(id, "arn:aws:rds:eu-west-1:123456789012:db:" + id, "available", engine, null,
                id + ".example.internal", 5432, true, List.of(), Map.of(), 7, null);
    }

    /** A source and its available read replica. */
    public static FakeInstances pair(String source, String replica, String engine) {
        return new FakeInstances().put(primary(source, engine)).put(replica(replica, source, engine, "available"));
    }

    public static InstanceDescription replica(String id, String source, String engine, String status) {
        return new InstanceDescription(id, "arn:aws:rds:eu-west-1:123456789012:db:" + id, status, engine, source,
                id + ".example.internal", 5432, false, List.of());
    }

    public static InstanceDescription standalone(String id, String engine, String status) {
        return new InstanceDescription(id, "arn:aws:rds:eu-west-1:123456789012:db:" + id, status, engine, null,
                id + ".example.internal", 5432, false, List.of());
    }

    @Override
    public Optional<InstanceDescription> describe(String instanceId) {
        describeCalls.incrementAndGet();
        return Optional.ofNullable(instances.get(instanceId));
    }

    @Override
    public void promote(String instanceId, int backupRetentionDays) {
        promoteCalls.incrementAndGet();
        promotedRetention.put(instanceId, backupRetentionDays);
        InstanceDescription d = instances.get(instanceId);
        instances.put(instanceId, new InstanceDescription(d.id(), d.arn(), "modifying", d.engine(), d.replicaSourceId(),
                d.host(), d.port(), d.multiAz(), d.replicaIds(), d.tags(), backupRetentionDays, d.replicaMode(),
                d.clusterId(), d.parameterGroup()));
    }

    public FakeInstances putCluster(ClusterDescription c) {
        clusters.put(c.id(), c);
        return this;
    }

    /** An available Aurora PostgreSQL cluster with one writer. */
    public static ClusterDescription cluster(String id) {
        return new ClusterDescription(id, "arn:aws:rds:eu-west-1:123456789012:cluster:" + id, "available",
                "aurora-postgresql", id + ".cluster-abc.eu-west-1.rds.amazonaws.com",
                id + ".cluster-ro-abc.eu-west-1.rds.amazonaws.com", 5432, id + "-params", id + "-1", List.of(id + "-1"));
    }

    @Override
    public Optional<ClusterDescription> describeCluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
    }

    @Override
    public void createInstanceSnapshot(String instanceId, String snapshotId, String runId) {
        instanceSnapshots.putIfAbsent(snapshotId, new SnapshotDescription(snapshotId,
                "arn:aws:rds:eu-west-1:123456789012:snapshot:" + snapshotId, instanceId, "creating", 0));
    }

    @Override
    public void createClusterSnapshot(String clusterId, String snapshotId, String runId) {
        clusterSnapshots.putIfAbsent(snapshotId, new SnapshotDescription(snapshotId,
                "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:" + snapshotId, clusterId, "creating", 0));
    }

    @Override
    public Optional<SnapshotDescription> describeInstanceSnapshot(String snapshotId) {
        return Optional.ofNullable(instanceSnapshots.get(snapshotId));
    }

    @Override
    public Optional<SnapshotDescription> describeClusterSnapshot(String snapshotId) {
        return Optional.ofNullable(clusterSnapshots.get(snapshotId));
    }

    @Override
    public Optional<String> parameterValue(ParameterGroupRef group, String parameter) {
        return Optional.ofNullable(parameters.getOrDefault(key(group), Map.of()).get(parameter));
    }

    @Override
    public void setParameter(ParameterGroupRef group, String parameter, String value, ApplyMethod applyMethod) {
        parameters.computeIfAbsent(key(group), k -> new ConcurrentHashMap<>()).put(parameter, value);
    }

    @Override
    public void reboot(String instanceId) {
        reboots.add(instanceId);
    }

    private static String key(ParameterGroupRef group) {
        return (group.cluster() ? "cluster:" : "") + group.name();
    }
}
