package io.cutover.testing;

import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-in for RDS in unit tests: instances as set by the test, promote calls counted. */
public final class FakeInstances implements DatabaseInstances {
    private final Map<String, InstanceDescription> instances = new ConcurrentHashMap<>();
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
                d.host(), d.port(), d.multiAz(), d.replicaIds(), d.tags(), backupRetentionDays, d.replicaMode()));
    }
}
