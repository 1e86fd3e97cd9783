package io.cutover.migrate.preparation;

/**
 * What undoing a {@link RoleSetting} did.
 *
 * @param statement the statement executed, null when nothing was (not changed by the run, already undone, or
 *                  changed by someone else since: then {@code note} says so and the setting is left alone)
 */
public record RoleRestore(String statement, String current, String note) {
}
