package io.cutover.input;

/**
 * The source or target of a migration: an RDS instance or an Aurora cluster. Its host is not
 * given: the run reads it from RDS (the instance's endpoint, the cluster's writer endpoint).
 *
 * @param endpointArn the DMS endpoint of this database (source endpoint, or target endpoint)
 * @param site        its site in the applications' appmap entries
 * @param applyUser   target only: the login DMS applies changes with; null for the source
 */
public record MigrationDatabase(
        Kind kind,
        String id,
        int port,
        String database,
        String secretArn,
        String endpointArn,
        String site,
        String applyUser) {

    public enum Kind { INSTANCE, CLUSTER }

    public boolean isCluster() {
        return kind == Kind.CLUSTER;
    }

    /** How the lock and messages name it: "cluster orders-aurora/orders". */
    public String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id + "/" + database;
    }
}
