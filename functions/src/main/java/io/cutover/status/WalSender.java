package io.cutover.status;

/**
 * One row of PostgreSQL's pg_stat_replication: a standby or logical subscriber streaming from
 * this server.
 *
 * @param slotName           the replication slot it uses, if any
 * @param replayBehindBytes  this server's current WAL position minus the receiver's replay position
 */
public record WalSender(
        int pid,
        String applicationName,
        String clientAddress,
        String state,
        String syncState,
        String slotName,
        String sentLsn,
        String writeLsn,
        String flushLsn,
        String replayLsn,
        Double writeLagSeconds,
        Double flushLagSeconds,
        Double replayLagSeconds,
        Long replayBehindBytes) {
}
