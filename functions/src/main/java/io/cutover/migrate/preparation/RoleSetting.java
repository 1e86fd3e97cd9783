package io.cutover.migrate.preparation;

/**
 * The run's change to a role's {@code session_replication_role} in one database, recorded so that
 * exactly this change is undone.
 *
 * @param previous  the role's setting in that database before, null when it had none
 * @param statement what the run executed, null when nothing was needed (it was already replica)
 */
public record RoleSetting(String role, String database, String previous, String statement) {

    public boolean changedByRun() {
        return statement != null;
    }
}
