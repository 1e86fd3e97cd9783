package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.status.ArchivedLog;
import io.cutover.status.DatabaseStatusProbe;
import io.cutover.status.LogRedaction;
import io.cutover.status.LogTail;
import io.cutover.status.ReplicationSlot;
import io.cutover.status.ServerPosition;
import io.cutover.status.WalSender;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DatabaseStatusProbe} for Oracle (RDS for Oracle): V$DATABASE, V$DATAGUARD_STATS,
 * V$ARCHIVED_LOG and the rdsadmin {@code ALERTLOG} view. Columns with '#' in their names are
 * quoted: the same text works in Oracle and in the H2 stand-in the tests use.
 */
public final class OracleStatusProbe implements DatabaseStatusProbe {

    /** Rows of one hour of archived logs on a busy database; the newest are the ones that matter. */
    private static final int MAX_ARCHIVED_LOGS = 200;

    private final ConnectionFactory connections;

    public OracleStatusProbe(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** On a standby CURRENT_SCN is the SCN recovery has applied. */
    @Override
    public ServerPosition position(DbConnection server) {
        record Row(String scn, String role, String applyLag) {
        }
        Row row = JdbcSession.run(connections, server, "server position", s -> s.one("""
                SELECT d.CURRENT_SCN, d.DATABASE_ROLE,
                       (SELECT MAX(g.VALUE) FROM V$DATAGUARD_STATS g WHERE g.NAME = 'apply lag')
                  FROM V$DATABASE d
                """, rs -> new Row(rs.getBigDecimal(1).toPlainString(), rs.getString(2), rs.getString(3))));
        boolean standby = row.role() != null && row.role().contains("STANDBY");
        Double applyLag = standby && row.applyLag() != null ? OracleProbe.applyLagSeconds(row.applyLag(), server) : null;
        return new ServerPosition(standby, row.scn(),
                standby ? "V$DATABASE.CURRENT_SCN on the standby (applied)" : "V$DATABASE.CURRENT_SCN", applyLag);
    }

    @Override
    public List<WalSender> walSenders(DbConnection server) {
        throw new UnsupportedOperationException("PostgreSQL only: Oracle redo transport shows in V$ARCHIVED_LOG");
    }

    @Override
    public List<ReplicationSlot> slots(DbConnection server) {
        throw new UnsupportedOperationException("PostgreSQL only: Oracle has no replication slots");
    }

    /** One row per log and destination: DEST_ID 1 is the local archive, the others standby destinations. */
    @Override
    public List<ArchivedLog> archivedLogs(DbConnection server, Duration window) {
        long minutes = Math.max(1, window.toMinutes());
        return JdbcSession.run(connections, server, "archived logs", s -> s.list("""
                SELECT "THREAD#", "SEQUENCE#", DEST_ID, "FIRST_CHANGE#", "NEXT_CHANGE#", FIRST_TIME, COMPLETION_TIME,
                       ARCHIVED, APPLIED
                  FROM V$ARCHIVED_LOG
                 WHERE COMPLETION_TIME >= SYSDATE - INTERVAL '%d' MINUTE
                 ORDER BY COMPLETION_TIME DESC, "SEQUENCE#" DESC, DEST_ID
                 FETCH FIRST %d ROWS ONLY
                """.formatted(minutes, MAX_ARCHIVED_LOGS), rs -> new ArchivedLog(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                plain(rs.getBigDecimal(4)), plain(rs.getBigDecimal(5)), local(rs.getTimestamp(6)),
                local(rs.getTimestamp(7)), "YES".equals(rs.getString(8)), rs.getString(9))));
    }

    /**
     * The alert log through RDS's {@code ALERTLOG} view (rdsadmin), last day only: the view reads
     * the whole file, and the newest entries are what a cutover needs. Without the view or the
     * grant it is not readable here; the RDS console and DownloadDBLogFilePortion still show it.
     */
    @Override
    public LogTail recentLog(DbConnection server, int maxLines) {
        return JdbcSession.run(connections, server, "alert log", s -> {
            try {
                List<String> lines = new ArrayList<>(s.list("""
                        SELECT ORIGINATING_TIMESTAMP, MESSAGE_TEXT
                          FROM ALERTLOG
                         WHERE ORIGINATING_TIMESTAMP > SYSTIMESTAMP - INTERVAL '1' DAY
                         ORDER BY ORIGINATING_TIMESTAMP DESC
                         FETCH FIRST %d ROWS ONLY
                        """.formatted(Math.max(1, maxLines)), rs -> {
                    OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                    String text = rs.getString(2) == null ? "" : rs.getString(2).strip();
                    return (at == null ? "" : at + " ") + LogRedaction.redact(text);
                }));
                java.util.Collections.reverse(lines); // oldest first, like a log
                return new LogTail("ALERTLOG (rdsadmin view), last day", lines, null);
            } catch (SQLException e) {
                if (isMissingOrDenied(e)) {
                    return LogTail.unreadable("ALERTLOG", "not readable: " + e.getMessage());
                }
                throw e;
            }
        });
    }

    /** ORA-00942 (no such view), ORA-01031 (insufficient privileges); SQLState class 42 elsewhere. */
    static boolean isMissingOrDenied(SQLException e) {
        return e.getErrorCode() == 942 || e.getErrorCode() == 1031
                || (e.getSQLState() != null && e.getSQLState().startsWith("42"));
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
