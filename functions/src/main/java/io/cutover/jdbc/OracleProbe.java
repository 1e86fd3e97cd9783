package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SlotRemoval;
import io.cutover.probe.SlotUse;
import io.cutover.probe.SourceProbe;
import io.cutover.secrets.Secrets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SourceProbe} for Oracle (RDS for Oracle), over JDBC. Reads V$DATABASE, V$TRANSACTION
 * and, on the standby, V$DATAGUARD_STATS; the probe user needs SELECT on them
 * ({@code rdsadmin.rdsadmin_util.grant_sys_object}).
 */
public final class OracleProbe implements SourceProbe {

    /** Oracle's INTERVAL DAY TO SECOND text, e.g. {@code +00 00:00:05} or {@code +01 02:03:04.500}. */
    private static final Pattern INTERVAL = Pattern.compile("([+-])?(\\d+) (\\d{1,2}):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)");

    private final ConnectionFactory connections;

    public OracleProbe(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment()));
    }

    public OracleProbe(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public CdcReadiness cdcReadiness(DbConnection source) {
        return JdbcSession.run(connections, source, "CDC readiness check", s -> s.one("""
                SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK, SUPPLEMENTAL_LOG_DATA_ALL
                  FROM V$DATABASE
                """, rs -> readiness(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
    }

    private static CdcReadiness readiness(String logMode, String minimal, String primaryKey, String allColumns) {
        List<String> problems = new ArrayList<>();
        if (!"ARCHIVELOG".equals(logMode)) {
            problems.add("LOG_MODE is " + logMode + "; DMS CDC needs ARCHIVELOG (on RDS: turn on automated backups,"
                    + " then keep archived logs with rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', 24))");
        }
        if (!"YES".equals(minimal) && !"IMPLICIT".equals(minimal)) {
            problems.add("minimal supplemental logging is off (SUPPLEMENTAL_LOG_DATA_MIN=" + minimal
                    + "); run exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD')");
        }
        // All-column logging also logs every primary key column.
        if (!"YES".equals(primaryKey) && !"YES".equals(allColumns)) {
            problems.add("primary key supplemental logging is off (SUPPLEMENTAL_LOG_DATA_PK=" + primaryKey
                    + "); run exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD','PRIMARY KEY')");
        }
        return new CdcReadiness(problems.isEmpty(), problems);
    }

    /** The SCN as it is now. A start SCN misses transactions open at it: check {@link #openTransactions} around it. */
    @Override
    public Position currentPosition(DbConnection source) {
        return new Position(Engine.ORACLE, currentScn(source).toPlainString(), "V$DATABASE.CURRENT_SCN");
    }

    /**
     * Distance: source CURRENT_SCN minus the standby's CURRENT_SCN (on an open standby that is the
     * SCN recovery has applied). The source is read first, so a busy source cannot make the
     * replica look ahead. Seconds: V$DATAGUARD_STATS 'apply lag' on the standby.
     */
    @Override
    public ReplicaLag lag(DbConnection source, DbConnection replica) {
        BigDecimal sourceScn = currentScn(source);
        record Standby(BigDecimal scn, String role, String applyLag) {
        }
        Standby standby = JdbcSession.run(connections, replica, "standby apply position", s -> s.one("""
                SELECT d.CURRENT_SCN, d.DATABASE_ROLE,
                       (SELECT MAX(g.VALUE) FROM V$DATAGUARD_STATS g WHERE g.NAME = 'apply lag')
                  FROM V$DATABASE d
                """, rs -> new Standby(rs.getBigDecimal(1), rs.getString(2), rs.getString(3))));
        if (!"PHYSICAL STANDBY".equals(standby.role())) {
            throw new ProbeException("lag: " + replica.host() + ":" + replica.port() + " is a " + standby.role()
                    + ", not a PHYSICAL STANDBY");
        }
        long distance = Math.max(0, sourceScn.subtract(standby.scn()).longValueExact());
        double seconds = distance == 0 ? 0 : applyLagSeconds(standby.applyLag(), replica);
        return new ReplicaLag(seconds, distance, sourceScn.toPlainString(), standby.scn().toPlainString());
    }

    static double applyLagSeconds(String value, DbConnection replica) {
        if (value == null || value.isBlank()) {
            throw new ProbeException("lag: V$DATAGUARD_STATS on " + replica.host() + " has no 'apply lag' value"
                    + " (redo apply not running, or nothing received yet)");
        }
        Matcher m = INTERVAL.matcher(value.strip());
        if (!m.matches()) {
            throw new ProbeException("lag: cannot read 'apply lag' value '" + value + "' from " + replica.host());
        }
        double seconds = Long.parseLong(m.group(2)) * 86_400 + Long.parseLong(m.group(3)) * 3_600
                + Long.parseLong(m.group(4)) * 60 + Double.parseDouble(m.group(5));
        return "-".equals(m.group(1)) ? 0 : seconds; // negative only through clock skew: nothing waits
    }

    /**
     * User transactions only: V$TRANSACTION also lists background and internal ones (RDS's own
     * housekeeping as RDSADMIN, SYS), which DMS does not replicate and which would hold the
     * capture for nothing. Read after the SCN (see PositionCapture): a transaction that starts in
     * between starts after the SCN, so DMS captures it.
     */
    @Override
    public OpenTransactions openTransactions(DbConnection source) {
        return JdbcSession.run(connections, source, "open transactions", s -> s.one("""
                SELECT COUNT(*), MIN(t.START_SCN)
                  FROM V$TRANSACTION t JOIN V$SESSION s ON s.SADDR = t.SES_ADDR
                 WHERE s.TYPE = 'USER' AND s.USERNAME IS NOT NULL
                   AND s.USERNAME NOT IN ('SYS', 'SYSTEM', 'RDSADMIN')
                """, rs -> {
                    BigDecimal oldest = rs.getBigDecimal(2);
                    return new OpenTransactions(rs.getInt(1), oldest == null ? null : oldest.toPlainString());
                }));
    }

    /** RDS for Oracle's log switch procedure: the archived redo goes to the standby, which applies it. */
    @Override
    public void forceRedo(DbConnection source) {
        JdbcSession.run(connections, source, "log switch", s -> {
            s.execute("CALL rdsadmin.rdsadmin_util.switch_logfile()");
            return null;
        });
    }

    /**
     * From FLASHBACK_TRANSACTION_QUERY (SELECT ANY TRANSACTION; supplemental logging is on for
     * DMS anyway): distinct user transactions started after one SCN and committed by another.
     */
    @Override
    public int userCommitsBetween(DbConnection source, String afterScn, String atOrBeforeScn) {
        return JdbcSession.run(connections, source, "transactions committed between two SCNs", s -> s.one("""
                SELECT COUNT(DISTINCT XID) FROM FLASHBACK_TRANSACTION_QUERY
                 WHERE START_SCN > ? AND COMMIT_SCN <= ?
                   AND LOGON_USER NOT IN ('SYS', 'SYSTEM', 'RDSADMIN')
                """, rs -> rs.getInt(1), new BigDecimal(afterScn), new BigDecimal(atOrBeforeScn)));
    }

    @Override
    public void prepareLogicalSlot(DbConnection source, String slotName, String publicationName, String plugin) {
        throw new UnsupportedOperationException("PostgreSQL only: Oracle CDC reads archived redo logs, no slot to prepare");
    }

    @Override
    public SlotRemoval dropLogicalSlot(DbConnection source, String slotName, String publicationName) {
        throw new UnsupportedOperationException("PostgreSQL only: Oracle CDC reads archived redo logs, no slot to drop");
    }

    @Override
    public SlotUse logicalSlotUse(DbConnection source, String slotName) {
        throw new UnsupportedOperationException("PostgreSQL only: Oracle CDC reads archived redo logs, no slot to check");
    }

    /**
     * The promoted database's own fork point: STANDBY_BECAME_PRIMARY_SCN, else the SCN of its new
     * incarnation (RESETLOGS_CHANGE#, whose name needs quotes in standard SQL; Oracle reads the
     * quoted upper-case name as the plain one). Which of the two RDS fills after PromoteReadReplica
     * is not confirmed: the caller fails safe on a value it cannot use.
     */
    @Override
    public Position forkPosition(DbConnection promoted) {
        record Fork(String role, BigDecimal becamePrimary, BigDecimal resetlogs) {
        }
        Fork f = JdbcSession.run(connections, promoted, "fork SCN", s -> s.one("""
                SELECT DATABASE_ROLE, STANDBY_BECAME_PRIMARY_SCN, "RESETLOGS_CHANGE#" FROM V$DATABASE
                """, rs -> new Fork(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3))));
        if (!"PRIMARY".equals(f.role())) {
            throw new ProbeException("fork SCN: " + promoted.host() + ":" + promoted.port() + " is a " + f.role()
                    + ", not yet a PRIMARY: promote it before asking for its fork point");
        }
        if (f.becamePrimary() != null && f.becamePrimary().signum() > 0) {
            return new Position(Engine.ORACLE, f.becamePrimary().toPlainString(), "V$DATABASE.STANDBY_BECAME_PRIMARY_SCN");
        }
        if (f.resetlogs() == null) throw new ProbeException("fork SCN: V$DATABASE on " + promoted.host() + " shows neither"
                + " STANDBY_BECAME_PRIMARY_SCN nor RESETLOGS_CHANGE#");
        return new Position(Engine.ORACLE, f.resetlogs().toPlainString(), "V$DATABASE.RESETLOGS_CHANGE#");
    }

    private BigDecimal currentScn(DbConnection source) {
        return JdbcSession.run(connections, source, "current SCN",
                s -> s.one("SELECT CURRENT_SCN FROM V$DATABASE", rs -> rs.getBigDecimal(1)));
    }
}
