package io.cutover.status;

/**
 * A PostgreSQL replication slot and the WAL it holds back.
 *
 * @param retainedWalBytes WAL kept for this slot: current position minus restart_lsn
 * @param walStatus        reserved | extended | unreserved | lost
 */
public record ReplicationSlot(
        String name,
        String type,
        String plugin,
        String database,
        boolean active,
        String restartLsn,
        String confirmedFlushLsn,
        Long retainedWalBytes,
        String walStatus) {
}
