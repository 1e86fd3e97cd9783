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

    public FakeInstances put(InstanceDescription d) {
        instances.put(d.id(), d);
        return this;
    }

    public static InstanceDescription primary(String id, String engine) {
        return new InstanceDescription(id, "arn:aws:rds:eu-west-1:123456789012:db:" + id, "available", engine, null,
                id + ".example.internal", 5432, true, List.of());
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
    public void promote(String instanceId) {
        promoteCalls.incrementAndGet();
        InstanceDescription d = instances.get(instanceId);
        instances.put(instanceId, new InstanceDescription(d.id(), d.arn(), "modifying", d.engine(), d.replicaSourceId(),
                d.host(), d.port(), d.multiAz(), d.replicaIds()));
    }
}
