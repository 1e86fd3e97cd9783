package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.status.ArchivedLog;
import io.cutover.status.DatabaseStatusProbe;
import io.cutover.status.LogRedaction;
import io.cutover.status.LogTail;
import io.cutover.status.ReplicationSlot;
import io.cutover.status.ServerPosition;
import io.cutover.status.WalSender;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link DatabaseStatusProbe} for PostgreSQL: pg_stat_replication, pg_replication_slots and the
 * server log, read-only. On a standby {@code pg_current_wal_lsn()} is an error, so WAL distances
 * there are measured from the replay position.
 */
public final class PostgresStatusProbe implements DatabaseStatusProbe {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** How much of the log's end to read: enough for the lines shown, bounded for a Lambda. */
    private static final int LOG_TAIL_BYTES = 16 * 1024;
    private static final String HERE = "CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END";

    private final ConnectionFactory connections;

    public PostgresStatusProbe(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public ServerPosition position(DbConnection server) {
        return JdbcSession.run(connections, server, "server position", s -> s.one("""
                SELECT pg_is_in_recovery(),
                       CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text
                            ELSE pg_current_wal_insert_lsn()::text END,
                       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
                """, rs -> {
            boolean recovery = rs.getBoolean(1);
            return new ServerPosition(recovery, rs.getString(2),
                    recovery ? "pg_last_wal_replay_lsn() (replayed)" : "pg_current_wal_insert_lsn()",
                    recovery ? (Double) rs.getObject(3) : null);
        }));
    }

    @Override
    public List<WalSender> walSenders(DbConnection server) {
        return JdbcSession.run(connections, server, "pg_stat_replication", s -> s.list("""
                SELECT r.pid, r.application_name, host(r.client_addr), r.state, r.sync_state, sl.slot_name,
                       r.sent_lsn::text, r.write_lsn::text, r.flush_lsn::text, r.replay_lsn::text,
                       extract(epoch FROM r.write_lag)::float8, extract(epoch FROM r.flush_lag)::float8,
                       extract(epoch FROM r.replay_lag)::float8,
                       CASE WHEN r.replay_lsn IS NULL THEN NULL
                            ELSE pg_wal_lsn_diff(%s, r.replay_lsn)::bigint END
                  FROM pg_stat_replication r
                  LEFT JOIN pg_replication_slots sl ON sl.active_pid = r.pid
                 ORDER BY r.application_name, r.pid
                """.formatted(HERE), rs -> new WalSender(rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), (Double) rs.getObject(11), (Double) rs.getObject(12), (Double) rs.getObject(13),
                longOrNull(rs, 14))));
    }

    @Override
    public List<ReplicationSlot> slots(DbConnection server) {
        return JdbcSession.run(connections, server, "replication slots", s -> s.list("""
                SELECT slot_name, slot_type, plugin, database, active, restart_lsn::text, confirmed_flush_lsn::text,
                       CASE WHEN restart_lsn IS NULL THEN NULL ELSE pg_wal_lsn_diff(%s, restart_lsn)::bigint END,
                       wal_status
                  FROM pg_replication_slots
                 ORDER BY slot_name
                """.formatted(HERE), rs -> new ReplicationSlot(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), longOrNull(rs, 8), rs.getString(9))));
    }

    @Override
    public List<ArchivedLog> archivedLogs(DbConnection server, Duration window) {
        throw new UnsupportedOperationException("Oracle only: PostgreSQL has no V$ARCHIVED_LOG (see the slots instead)");
    }

    /**
     * The current log file ({@code pg_current_logfile()}) read with pg_read_file. Not readable when
     * the server logs to stderr (no logging collector) or this login lacks pg_read_server_files -
     * the case for RDS's master user, whose logs are read with the RDS DownloadDBLogFilePortion API.
     */
    @Override
    public LogTail recentLog(DbConnection server, int maxLines) {
        return JdbcSession.run(connections, server, "server log", s -> {
            String file;
            try {
                file = s.one("SELECT pg_current_logfile()", rs -> rs.getString(1));
            } catch (SQLException e) {
                if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    return LogTail.unreadable("pg_current_logfile()", "not readable: " + e.getMessage());
                }
                throw e;
            }
            if (file == null) {
                return LogTail.unreadable("server log", "not readable: the server logs to stderr"
                        + " (logging_collector is off), so there is no log file to read over SQL");
            }
            try {
                long size = s.one("SELECT size FROM pg_stat_file(?)", rs -> rs.getLong(1), file);
                long offset = Math.max(0, size - LOG_TAIL_BYTES);
                String text = s.one("SELECT pg_read_file(?, ?, ?)", rs -> rs.getString(1), file, offset,
                        (long) LOG_TAIL_BYTES);
                return new LogTail(file, lastLines(text, offset > 0, maxLines), null);
            } catch (SQLException e) {
                if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    return LogTail.unreadable(file, "not readable: " + e.getMessage()
                            + " (needs pg_read_server_files; on RDS use DownloadDBLogFilePortion)");
                }
                throw e;
            }
        });
    }

    /** The last lines of a chunk read from a file's end; the first line is cut when the chunk starts mid-file. */
    static List<String> lastLines(String text, boolean startsMidLine, int maxLines) {
        if (text == null || text.isEmpty()) return List.of();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        if (startsMidLine && !lines.isEmpty()) lines.remove(0);
        lines.removeIf(String::isBlank);
        List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
        return tail.stream().map(LogRedaction::redact).toList();
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
