package io.cutover.migrate.preparation;

import io.cutover.migrate.TableName;
import io.cutover.probe.DbConnection;

import java.util.Collection;
import java.util.List;

/**
 * Port: the target's secondary objects held back for the full load, and the DMS apply user's
 * replication role. Every change is idempotent (a retried step changes nothing twice). Adapter:
 * {@code io.cutover.jdbc.PostgresTargetPreparation}.
 */
public interface TargetPreparation {

    /** Secondary indexes, unique constraints, foreign keys (on the tables or referencing them) and user triggers of the tables. */
    List<HeldBackObject> heldBackObjects(DbConnection target, Collection<TableName> tables);

    /** Drops the object; nothing when it is already gone. */
    AppliedChange drop(DbConnection target, HeldBackObject object);

    /**
     * Recreates the object as recorded: indexes concurrently, foreign keys NOT VALID then validated
     * (if they were), triggers with their enabled state, comments and clustering. Nothing when it
     * is already there as recorded; an invalid index left by a failed concurrent build is rebuilt.
     */
    AppliedChange recreate(DbConnection target, HeldBackObject object);

    /**
     * The same, each statement allowed up to {@code timeLimit} (an index build of a large table
     * takes longer than a probe's statement timeout; a step gives it what is left of its call).
     */
    default AppliedChange recreate(DbConnection target, HeldBackObject object, java.time.Duration timeLimit) {
        return recreate(target, object);
    }

    /** Sets {@code session_replication_role = replica} for the role in the target's database, recording what it was. */
    RoleSetting setReplicaRole(DbConnection target, String role);

    /** Undoes exactly the recorded change, and only while the setting is still what the run set. */
    RoleRestore restoreRole(DbConnection target, RoleSetting recorded);
}
