package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stand-in, not Oracle: checks our SQL's shape and result mapping, not Oracle's behaviour.
 *
 * <p>No Oracle server can run here. H2 in Oracle mode holds tables named and typed like
 * V$DATABASE, V$TRANSACTION and V$DATAGUARD_STATS ({@code oracle/standin-schema.sql}); the probe
 * gets its connections from {@link OracleStandIn}, which maps each host to one H2 database.
 * What Oracle itself reports (for instance on an RDS read replica) is not tested here.
 */
class OracleProbeStandInTest {

    private final OracleStandIn standIn = new OracleStandIn();
    private final OracleProbe probe = new OracleProbe(standIn);
    private final DbConnection source = OracleStandIn.SOURCE;
    private final DbConnection standby = OracleStandIn.STANDBY;

    @BeforeEach
    void primaryDatabase() throws SQLException {
        database(source, "ARCHIVELOG", "YES", "YES", "NO", 1_000, "PRIMARY");
    }

    @Test
    void archivelogAndSupplementalLoggingAreReady() throws SQLException {
        assertEquals(new CdcReadiness(true, List.of()), probe.cdcReadiness(source));

        database(source, "ARCHIVELOG", "IMPLICIT", "NO", "YES", 1_000, "PRIMARY");
        assertTrue(probe.cdcReadiness(source).ready(), "implicit minimal logging and all-column logging do");
    }

    @Test
    void eachMissingPieceIsNamedWithItsFix() throws SQLException {
        database(source, "NOARCHIVELOG", "NO", "NO", "NO", 1_000, "PRIMARY");

        CdcReadiness readiness = probe.cdcReadiness(source);

        assertFalse(readiness.ready());
        assertEquals(3, readiness.problems().size(), readiness.problems().toString());
        assertTrue(readiness.problems().get(0).startsWith("LOG_MODE is NOARCHIVELOG; DMS CDC needs ARCHIVELOG"));
        assertEquals("minimal supplemental logging is off (SUPPLEMENTAL_LOG_DATA_MIN=NO);"
                + " run exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD')", readiness.problems().get(1));
        assertEquals("primary key supplemental logging is off (SUPPLEMENTAL_LOG_DATA_PK=NO);"
                + " run exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD','PRIMARY KEY')", readiness.problems().get(2));
    }

    @Test
    void onlyPrimaryKeyLoggingMissing() throws SQLException {
        database(source, "ARCHIVELOG", "YES", "NO", "NO", 1_000, "PRIMARY");
        assertEquals(List.of("primary key supplemental logging is off (SUPPLEMENTAL_LOG_DATA_PK=NO);"
                + " run exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD','PRIMARY KEY')"),
                probe.cdcReadiness(source).problems());
    }

    @Test
    void currentScnIsReadInFull() throws SQLException {
        database(source, "ARCHIVELOG", "YES", "YES", "NO", 98_765_432_101_234L, "PRIMARY");
        assertEquals(new Position(Engine.ORACLE, "98765432101234", "V$DATABASE.CURRENT_SCN"), probe.currentPosition(source));
    }

    @Test
    void openTransactionsAreCountedWithTheOldestStartScn() throws SQLException {
        assertEquals(new OpenTransactions(0, null), probe.openTransactions(source));

        sql(source, "INSERT INTO V$SESSION (SADDR, SID, USERNAME, TYPE) VALUES"
                + " (X'01', 11, 'ORDERS_APP', 'USER'), (X'02', 12, 'ORDERS_APP', 'USER'), (X'03', 13, 'BATCH', 'USER')");
        sql(source, "INSERT INTO V$TRANSACTION (XIDUSN, XIDSLOT, XIDSQN, STATUS, START_SCN, SES_ADDR) VALUES"
                + " (1, 1, 10, 'ACTIVE', 5000, X'01'), (2, 7, 11, 'ACTIVE', 3000, X'02'), (3, 2, 12, 'ACTIVE', 4000, X'03')");
        OpenTransactions open = probe.openTransactions(source);
        assertEquals(3, open.count());
        assertEquals("3000", open.oldestStart());
    }

    /** Background and RDS-internal transactions are not the applications' and DMS does not replicate them. */
    @Test
    void onlyUserTransactionsAreCounted() throws SQLException {
        sql(source, "INSERT INTO V$SESSION (SADDR, SID, USERNAME, TYPE) VALUES"
                + " (X'01', 11, 'ORDERS_APP', 'USER'), (X'02', 2, NULL, 'BACKGROUND'), (X'03', 31, 'RDSADMIN', 'USER'),"
                + " (X'04', 32, 'SYS', 'USER')");
        sql(source, "INSERT INTO V$TRANSACTION (XIDUSN, XIDSLOT, XIDSQN, STATUS, START_SCN, SES_ADDR) VALUES"
                + " (1, 1, 10, 'ACTIVE', 5000, X'01'), (2, 7, 11, 'ACTIVE', 3000, X'02'), (3, 2, 12, 'ACTIVE', 2000, X'03'),"
                + " (4, 3, 13, 'ACTIVE', 1000, X'04')");
        assertEquals(new OpenTransactions(1, "5000"), probe.openTransactions(source));
    }

    /** An idle primary's SCN moves without redo: the standby reaches it only after a log switch ships the redo. */
    @Test
    void aLogSwitchShipsTheIdlePrimarysRedoToTheStandby() throws SQLException {
        standIn.ships("source", "standby");
        database(standby, "ARCHIVELOG", "YES", "YES", "NO", 940, "PHYSICAL STANDBY");
        sql(standby, "INSERT INTO V$DATAGUARD_STATS (NAME, VALUE) VALUES ('apply lag', '+00 00:00:07')");
        assertEquals(60, probe.lag(source, standby).distance());

        probe.forceRedo(source);

        assertEquals(1, standIn.logSwitches.get());
        assertEquals(new ReplicaLag(0, 0, "1000", "1000"), probe.lag(source, standby));
    }

    @Test
    void theForkPointIsWhereTheStandbyBecamePrimaryElseItsNewIncarnation() throws SQLException {
        DbConnection promoted = new DbConnection(Engine.ORACLE, "promoted", 1521, "ORCL", "arn:promoted");
        database(promoted, "ARCHIVELOG", "YES", "YES", "NO", 2_000, "PHYSICAL STANDBY");
        assertTrue(assertThrows(ProbeException.class, () -> probe.forkPosition(promoted)).getMessage()
                .contains("not yet a PRIMARY"));

        database(promoted, "ARCHIVELOG", "YES", "YES", "NO", 2_000, "PRIMARY");
        sql(promoted, "UPDATE V$DATABASE SET STANDBY_BECAME_PRIMARY_SCN = 1200, \"RESETLOGS_CHANGE#\" = 1201");
        assertEquals(new Position(Engine.ORACLE, "1200", "V$DATABASE.STANDBY_BECAME_PRIMARY_SCN"), probe.forkPosition(promoted));

        sql(promoted, "UPDATE V$DATABASE SET STANDBY_BECAME_PRIMARY_SCN = 0");
        assertEquals(new Position(Engine.ORACLE, "1201", "V$DATABASE.RESETLOGS_CHANGE#"), probe.forkPosition(promoted));
    }

    @Test
    void userCommitsBetweenTwoScnsAreCountedOncePerTransaction() throws SQLException {
        sql(source, "INSERT INTO FLASHBACK_TRANSACTION_QUERY (XID, START_SCN, COMMIT_SCN, LOGON_USER, OPERATION) VALUES"
                + " (X'0A', 1001, 1050, 'ORDERS_APP', 'INSERT'), (X'0A', 1001, 1050, 'ORDERS_APP', 'UPDATE'),"
                + " (X'0B', 1010, 1100, 'SCHEDULER_OWNER', 'DELETE'),"
                + " (X'0C', 990, 1020, 'ORDERS_APP', 'INSERT'),"    // started before: not DMS's from 1000
                + " (X'0D', 1020, 1300, 'ORDERS_APP', 'INSERT'),"   // committed after the fork: DMS's
                + " (X'0E', 1030, 1040, 'RDSADMIN', 'UPDATE')");
        assertEquals(2, probe.userCommitsBetween(source, "1000", "1200"));
        assertEquals(0, probe.userCommitsBetween(source, "1000", "1001"));
    }

    @Test
    void lagIsScnDistanceAndApplyLag() throws SQLException {
        database(standby, "ARCHIVELOG", "YES", "YES", "NO", 940, "PHYSICAL STANDBY");
        sql(standby, "INSERT INTO V$DATAGUARD_STATS (NAME, VALUE, UNIT) VALUES"
                + " ('transport lag', '+00 00:00:09', 'day(2) to second(0) interval'),"
                + " ('apply lag', '+00 00:00:05', 'day(2) to second(0) interval'),"
                + " ('apply finish time', '+00 00:00:00.000', 'day(2) to second(3) interval')");

        assertEquals(new ReplicaLag(5.0, 60, "1000", "940"), probe.lag(source, standby));
    }

    @Test
    void caughtUpStandbyHasNoLag() throws SQLException {
        database(standby, "ARCHIVELOG", "YES", "YES", "NO", 1_000, "PHYSICAL STANDBY");
        assertEquals(new ReplicaLag(0, 0, "1000", "1000"), probe.lag(source, standby));
    }

    @Test
    void lagNeedsAStandbyWithAnApplyLag() throws SQLException {
        database(standby, "ARCHIVELOG", "YES", "YES", "NO", 900, "PRIMARY");
        assertTrue(assertThrows(ProbeException.class, () -> probe.lag(source, standby)).getMessage()
                .contains("is a PRIMARY, not a PHYSICAL STANDBY"));

        database(standby, "ARCHIVELOG", "YES", "YES", "NO", 900, "PHYSICAL STANDBY");
        assertTrue(assertThrows(ProbeException.class, () -> probe.lag(source, standby)).getMessage()
                .contains("has no 'apply lag' value"));
    }

    @Test
    void applyLagIntervalsParse() {
        assertEquals(5.0, OracleProbe.applyLagSeconds("+00 00:00:05", standby));
        assertEquals(93_784.5, OracleProbe.applyLagSeconds("+01 02:03:04.500", standby));
        assertThrows(ProbeException.class, () -> OracleProbe.applyLagSeconds("5 seconds", standby));
    }

    @Test
    void noSlotsForOracle() {
        assertEquals("PostgreSQL only: Oracle CDC reads archived redo logs, no slot to prepare",
                assertThrows(UnsupportedOperationException.class,
                        () -> probe.prepareLogicalSlot(source, "s", "p", "test_decoding")).getMessage());
        assertThrows(UnsupportedOperationException.class, () -> probe.dropLogicalSlot(source, "s", "p"));
    }

    @Test
    void sqlFailuresNameTheQuestionAndServer() {
        DbConnection empty = new DbConnection(Engine.ORACLE, "empty", 1521, "ORCL", "arn:empty");
        ProbeException e = assertThrows(ProbeException.class, () -> probe.currentPosition(empty));
        assertTrue(e.getMessage().startsWith("current SCN failed on oracle empty:1521/ORCL: no row"), e.getMessage());
    }

    private void database(DbConnection target, String logMode, String minimal, String primaryKey, String all, long scn,
                          String role) throws SQLException {
        sql(target, "DELETE FROM V$DATABASE");
        sql(target, "INSERT INTO V$DATABASE (DBID, NAME, LOG_MODE, CURRENT_SCN, DATABASE_ROLE, SUPPLEMENTAL_LOG_DATA_MIN,"
                + " SUPPLEMENTAL_LOG_DATA_PK, SUPPLEMENTAL_LOG_DATA_ALL) VALUES (1, 'ORCL', '" + logMode + "', " + scn + ", '"
                + role + "', '" + minimal + "', '" + primaryKey + "', '" + all + "')");
    }

    private void sql(DbConnection target, String sql) throws SQLException {
        try (Connection c = standIn.open(target); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
