package io.cutover.status;

/**
 * Where the replica stands against its source.
 *
 * @param role           replica (still applying the source's changes) | promoted
 * @param position       replica: applied position; promoted: its current position
 * @param sourcePosition the source's position the lag was measured against
 * @param lagSeconds     replica only; the same measure the run's lag gate uses
 * @param distance       replica only: bytes of WAL (PostgreSQL) or SCNs (Oracle) not yet applied
 * @param distanceUnit   bytes | SCN
 * @param forkPosition   promoted PostgreSQL: the LSN where its timeline forked (CDC starts there)
 * @param note           what could not be measured and why
 */
public record ReplicaPosition(
        String role,
        String position,
        String how,
        String sourcePosition,
        Double lagSeconds,
        Long distance,
        String distanceUnit,
        String forkPosition,
        String note) {
}
