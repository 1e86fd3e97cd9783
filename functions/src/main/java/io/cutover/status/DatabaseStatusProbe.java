package io.cutover.status;

import io.cutover.probe.DbConnection;

import java.time.Duration;
import java.util.List;

/**
 * Port: read-only questions a status asks one database server, besides what the runbook's
 * {@link io.cutover.probe.SourceProbe} asks. One implementation per engine; methods marked for
 * one engine throw {@link UnsupportedOperationException} on the other.
 */
public interface DatabaseStatusProbe {

    /** Whether the server is in recovery (a replica) and its applied or current position. */
    ServerPosition position(DbConnection server);

    /** PostgreSQL: pg_stat_replication, with the slot each sender serves. */
    List<WalSender> walSenders(DbConnection server);

    /** PostgreSQL: pg_replication_slots with the WAL each slot retains. */
    List<ReplicationSlot> slots(DbConnection server);

    /** Oracle: V$ARCHIVED_LOG rows completed within the window, newest first. */
    List<ArchivedLog> archivedLogs(DbConnection server, Duration window);

    /**
     * The latest log lines (PostgreSQL server log, Oracle alert log), secrets redacted. A log
     * this login may not read is an answer ({@link LogTail#unreadable}), not a failure.
     */
    LogTail recentLog(DbConnection server, int maxLines);
}
