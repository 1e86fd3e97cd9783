package io.cutover.probe;

/**
 * Lag of a replica behind its source.
 *
 * @param seconds          time lag (0 when the replica has replayed everything the source wrote)
 * @param distance         bytes of WAL (PostgreSQL) or SCN distance (Oracle) not yet applied
 * @param sourcePosition   source's current position
 * @param replicaPosition  replica's applied position
 */
public record ReplicaLag(double seconds, long distance, String sourcePosition, String replicaPosition) {
}
