package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.status.ArchivedLog;
import io.cutover.status.LogTail;
import io.cutover.status.ServerPosition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stand-in, not Oracle: the status's Oracle SQL (V$DATABASE, V$DATAGUARD_STATS, V$ARCHIVED_LOG,
 * the rdsadmin ALERTLOG view) against H2 in Oracle mode with tables shaped like Oracle's
 * ({@code oracle/standin-schema.sql} + {@code oracle/standin-status-schema.sql}). It checks the
 * SQL's shape, filtering and mapping; what a real RDS for Oracle reports is not tested here.
 */
class OracleStatusProbeStandInTest {

    private final OracleStandIn standIn = new OracleStandIn();
    private final OracleStatusProbe probe = new OracleStatusProbe(standIn);
    private final DbConnection source = OracleStandIn.SOURCE;
    private final DbConnection standby = OracleStandIn.STANDBY;

    @BeforeEach
    void statusViews() throws SQLException {
        for (DbConnection db : List.of(source, standby)) {
            sql(db, "RUNSCRIPT FROM 'classpath:oracle/standin-status-schema.sql'");
        }
        sql(source, "INSERT INTO V$DATABASE (DBID, NAME, CURRENT_SCN, DATABASE_ROLE) VALUES (1, 'ORCL', 98765432101234, 'PRIMARY')");
        sql(standby, "INSERT INTO V$DATABASE (DBID, NAME, CURRENT_SCN, DATABASE_ROLE) VALUES (1, 'ORCL', 98765432101200, 'PHYSICAL STANDBY')");
    }

    @Test
    void primaryPositionIsTheCurrentScn() {
        assertEquals(new ServerPosition(false, "98765432101234", "V$DATABASE.CURRENT_SCN", null), probe.position(source));
    }

    @Test
    void standbyPositionIsTheAppliedScnWithItsApplyLag() throws SQLException {
        sql(standby, "INSERT INTO V$DATAGUARD_STATS (NAME, VALUE) VALUES ('apply lag', '+00 00:00:07')");
        ServerPosition p = probe.position(standby);
        assertTrue(p.inRecovery());
        assertEquals("98765432101200", p.position());
        assertEquals(7.0, p.replayAgeSeconds());
    }

    @Test
    void archivedLogsOfTheLastHourNewestFirstWithFlagsPerDestination() throws SQLException {
        // Sequence 41 is two hours old: outside the window. 43 is archived locally, not yet applied on the standby.
        archived(41, 1, "YES", "NO", 120);
        archived(42, 1, "YES", "NO", 30);
        archived(42, 2, "YES", "YES", 29);
        archived(43, 1, "YES", "NO", 5);
        archived(43, 2, "YES", "NO", 4);

        List<ArchivedLog> logs = probe.archivedLogs(source, Duration.ofHours(1));

        assertEquals(List.of(43L, 43L, 42L, 42L), logs.stream().map(ArchivedLog::sequence).toList());
        ArchivedLog standbyCopy = logs.stream().filter(l -> l.sequence() == 42 && l.destId() == 2).findFirst().orElseThrow();
        assertEquals("YES", standbyCopy.applied());
        assertTrue(standbyCopy.archived());
        assertEquals("4200000", standbyCopy.firstChange());
        assertEquals("4300000", standbyCopy.nextChange());
        assertEquals("NO", logs.get(1).applied(), "43 on the standby destination is not applied yet");
        assertEquals(1, logs.get(0).thread());
        assertTrue(logs.get(0).completionTime().isAfter(logs.get(3).completionTime()));
    }

    @Test
    void alertLogLastEntriesOldestFirstWithPasswordsRedacted() throws SQLException {
        alert("Thread 1 advanced to log sequence 42", 50);
        alert("ALTER USER app IDENTIFIED BY Secr3tPw ACCOUNT UNLOCK", 40);
        alert("Archived Log entry 43 added for T-1.S-43", 10);
        alert("older than a day: not shown", 60 * 30);
        alert("Starting ORACLE instance (normal)", 60);

        LogTail tail = probe.recentLog(source, 3);

        assertNull(tail.notReadable());
        assertEquals(3, tail.lines().size(), tail.lines().toString());
        assertTrue(tail.lines().get(0).endsWith("Thread 1 advanced to log sequence 42"), tail.lines().get(0));
        assertTrue(tail.lines().get(1).endsWith("ALTER USER app IDENTIFIED BY *** ACCOUNT UNLOCK"), tail.lines().get(1));
        assertFalse(String.join("\n", tail.lines()).contains("Secr3tPw"));
        assertTrue(tail.lines().get(2).endsWith("Archived Log entry 43 added for T-1.S-43"));

        List<String> day = probe.recentLog(source, 10).lines();
        assertEquals(4, day.size(), "the entry older than a day is left out: " + day);
    }

    @Test
    void alertLogWithoutTheViewIsNotReadableRatherThanAFailure() throws SQLException {
        sql(standby, "DROP TABLE ALERTLOG");
        LogTail tail = probe.recentLog(standby, 5);
        assertTrue(tail.notReadable().startsWith("not readable: "), tail.notReadable());
        assertTrue(tail.lines().isEmpty());
    }

    @Test
    void postgresOnlyQuestionsAreRefused() {
        assertThrows(UnsupportedOperationException.class, () -> probe.walSenders(source));
        assertThrows(UnsupportedOperationException.class, () -> probe.slots(source));
    }

    private void archived(long sequence, int dest, String archived, String applied, int minutesAgo) throws SQLException {
        sql(source, "INSERT INTO V$ARCHIVED_LOG (NAME, DEST_ID, \"THREAD#\", \"SEQUENCE#\", \"FIRST_CHANGE#\", FIRST_TIME,"
                + " \"NEXT_CHANGE#\", ARCHIVED, APPLIED, COMPLETION_TIME) VALUES ('/rdsdbdata/db/ORCL_A/arch/1_" + sequence
                + ".arc', " + dest + ", 1, " + sequence + ", " + sequence * 100_000 + ", SYSDATE - INTERVAL '" + (minutesAgo + 1)
                + "' MINUTE, " + (sequence + 1) * 100_000 + ", '" + archived + "', '" + applied + "', SYSDATE - INTERVAL '"
                + minutesAgo + "' MINUTE)");
    }

    private void alert(String text, int minutesAgo) throws SQLException {
        sql(source, "INSERT INTO ALERTLOG (ORIGINATING_TIMESTAMP, MESSAGE_TEXT) VALUES (SYSTIMESTAMP - INTERVAL '"
                + minutesAgo + "' MINUTE, '" + text + "')");
    }

    private void sql(DbConnection target, String sql) throws SQLException {
        try (Connection c = standIn.open(target); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
