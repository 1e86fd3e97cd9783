package io.cutover.testing;

import io.cutover.migrate.TableName;
import io.cutover.migrate.preparation.AppliedChange;
import io.cutover.migrate.preparation.HeldBackObject;
import io.cutover.migrate.preparation.RoleRestore;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.migrate.preparation.TargetPreparation;
import io.cutover.probe.DbConnection;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for the target's catalog in unit tests: objects per table as the test sets them,
 * present or dropped; the apply user's role as a value. Drops and recreations are idempotent as
 * the PostgreSQL adapter's are, and recorded in order.
 */
public final class FakeTargetPreparation implements TargetPreparation {
    public final Map<TableName, List<HeldBackObject>> objects = new ConcurrentHashMap<>();
    public final Set<String> present = ConcurrentHashMap.newKeySet();
    public final List<String> changes = new CopyOnWriteArrayList<>();
    /** The apply user's session_replication_role at role level; null: not set. */
    public volatile String role;
    /** When set, {@link #restoreRole} and {@link #recreate} fail with this message (a lost connection, say). */
    public volatile String failWith;

    public FakeTargetPreparation add(HeldBackObject o) {
        objects.computeIfAbsent(o.table(), t -> new CopyOnWriteArrayList<>()).add(o);
        present.add(o.name());
        return this;
    }

    @Override
    public List<HeldBackObject> heldBackObjects(DbConnection target, Collection<TableName> tables) {
        return tables.stream().flatMap(t -> objects.getOrDefault(t, List.of()).stream()).toList();
    }

    @Override
    public AppliedChange drop(DbConnection target, HeldBackObject object) {
        if (!present.remove(object.name())) return new AppliedChange(object, List.of(), Duration.ZERO);
        changes.add("drop " + object.name());
        return new AppliedChange(object, List.of("DROP " + object.name()), Duration.ofMillis(10));
    }

    /** The time limit the last recreate was given (null: the adapter's own). */
    public volatile java.time.Duration timeLimit;

    @Override
    public AppliedChange recreate(DbConnection target, HeldBackObject object, java.time.Duration limit) {
        this.timeLimit = limit;
        return recreate(target, object);
    }

    @Override
    public AppliedChange recreate(DbConnection target, HeldBackObject object) {
        if (failWith != null) throw new IllegalStateException(failWith);
        if (!present.add(object.name())) return new AppliedChange(object, List.of(), Duration.ZERO);
        changes.add("create " + object.name());
        return new AppliedChange(object, List.of(object.definition()), Duration.ofMillis(250));
    }

    @Override
    public RoleSetting setReplicaRole(DbConnection target, String user) {
        String previous = role;
        if ("replica".equals(previous)) return new RoleSetting(user, target.database(), previous, null);
        role = "replica";
        return new RoleSetting(user, target.database(), previous,
                "ALTER ROLE " + user + " IN DATABASE " + target.database() + " SET session_replication_role = replica");
    }

    @Override
    public RoleRestore restoreRole(DbConnection target, RoleSetting recorded) {
        if (failWith != null) throw new IllegalStateException(failWith);
        if (!recorded.changedByRun()) return new RoleRestore(null, role, "not changed by the run");
        role = recorded.previous();
        return new RoleRestore("RESET", role, null);
    }
}
