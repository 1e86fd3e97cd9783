package io.cutover.switchover;

import java.util.List;

/**
 * {@code session_replication_role} as new sessions get it. DMS full loads into PostgreSQL run with
 * {@code replica} (no triggers, no foreign key checks); applications must write with {@code origin}.
 *
 * @param applicable false for engines without the setting (Oracle)
 * @param effective  what a new session of the probe's login sees
 * @param overrides  database or role level settings found, e.g. "database orders: replica"
 * @param reset      what was reset to get back to origin
 * @param kept       replica settings left alone because cutover did not make them
 */
public record ReplicationRole(boolean applicable, String effective, List<String> overrides, List<String> reset,
                              List<String> kept) {

    public ReplicationRole {
        overrides = List.copyOf(overrides);
        reset = List.copyOf(reset);
        kept = List.copyOf(kept);
    }

    public ReplicationRole(boolean applicable, String effective, List<String> overrides, List<String> reset) {
        this(applicable, effective, overrides, reset, List.of());
    }

    public static ReplicationRole notApplicable() {
        return new ReplicationRole(false, null, List.of(), List.of());
    }

    public boolean atOrigin() {
        return !applicable || "origin".equals(effective);
    }
}
