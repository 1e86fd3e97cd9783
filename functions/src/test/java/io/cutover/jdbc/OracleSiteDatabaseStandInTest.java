package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.switchover.SequenceAdvance;
import io.cutover.switchover.SequenceValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stand-in, not Oracle: H2 in Oracle mode checks the SQL shape of {@link OracleSiteDatabase}
 * (sentinel rows, sequence reads and the NEXTVAL / INCREMENT BY advance, heartbeat reads).
 * ALL_TABLES and ALL_SEQUENCES are views over H2's INFORMATION_SCHEMA with Oracle's column names;
 * Oracle's own LAST_NUMBER caching behaviour is not reproduced.
 */
class OracleSiteDatabaseStandInTest {

    private final OracleStandIn standIn = new OracleStandIn();
    private final OracleSiteDatabase db = new OracleSiteDatabase(standIn);
    private final DbConnection site = new DbConnection(Engine.ORACLE, "sitea", 1521, "ORCL", "arn:sitea");

    @BeforeEach
    void schema() throws SQLException {
        sql("CREATE SCHEMA IF NOT EXISTS LEDGER",
                "CREATE VIEW IF NOT EXISTS ALL_TABLES AS SELECT TABLE_SCHEMA AS OWNER, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES",
                "CREATE VIEW IF NOT EXISTS ALL_SEQUENCES AS SELECT SEQUENCE_SCHEMA AS SEQUENCE_OWNER, SEQUENCE_NAME,"
                        + " BASE_VALUE AS LAST_NUMBER, INCREMENT AS INCREMENT_BY, MAXIMUM_VALUE AS MAX_VALUE"
                        + " FROM INFORMATION_SCHEMA.SEQUENCES",
                "CREATE TABLE IF NOT EXISTS LEDGER.CUTOVER_SENTINEL (ID VARCHAR2(120) PRIMARY KEY, SITE VARCHAR2(32) NOT NULL,"
                        + " WRITTEN_AT TIMESTAMP NOT NULL)",
                "CREATE TABLE IF NOT EXISTS LEDGER.HEARTBEAT (ID NUMBER(19) PRIMARY KEY, WRITTEN_AT TIMESTAMP, SITE VARCHAR2(16),"
                        + " APP VARCHAR2(128))",
                "CREATE SEQUENCE IF NOT EXISTS LEDGER.ENTRY_SEQ START WITH 1 INCREMENT BY 1",
                "CREATE SEQUENCE IF NOT EXISTS LEDGER.SMALL_SEQ START WITH 1 INCREMENT BY 1 MAXVALUE 100");
    }

    @Test
    void tablesAreFoundByOwnerAndNameInUpperCase() {
        assertTrue(db.tableExists(site, "ledger", "cutover_sentinel"));
        assertFalse(db.tableExists(site, "ledger", "no_such_table"));
    }

    @Test
    void sentinelWritesAreIdempotentAndReadBack() {
        assertFalse(db.hasSentinel(site, "ledger", "cutover_sentinel", "run-1/drain"));
        db.writeSentinel(site, "ledger", "cutover_sentinel", "run-1/drain", "SITEA");
        db.writeSentinel(site, "ledger", "cutover_sentinel", "run-1/drain", "SITEA");
        assertTrue(db.hasSentinel(site, "ledger", "cutover_sentinel", "run-1/drain"));
    }

    @Test
    void sequencesAreListedAndAdvancedExactlyNeverBack() throws SQLException {
        sql("SELECT LEDGER.ENTRY_SEQ.NEXTVAL FROM DUAL", "SELECT LEDGER.ENTRY_SEQ.NEXTVAL FROM DUAL"); // 1, 2 used
        List<SequenceValue> seqs = db.sequences(site, "ledger");
        assertEquals(List.of("ENTRY_SEQ", "SMALL_SEQ"), seqs.stream().map(SequenceValue::name).toList());

        SequenceAdvance a = db.advanceSequence(site, "ledger", "ENTRY_SEQ", 1_000);
        assertTrue(a.moved());
        assertEquals(1_000, a.nextAfter());
        assertEquals(1_000, nextval("LEDGER.ENTRY_SEQ"), "the next value handed out is exactly the target");
        assertEquals(1_001, nextval("LEDGER.ENTRY_SEQ"), "the increment is restored");

        SequenceAdvance again = db.advanceSequence(site, "ledger", "ENTRY_SEQ", 500);
        assertFalse(again.moved(), "never moved back");
        assertTrue(nextval("LEDGER.ENTRY_SEQ") > 1_001);
    }

    @Test
    void aSequenceThatCannotReachTheTargetIsRefused() {
        ProbeException e = assertThrows(ProbeException.class, () -> db.advanceSequence(site, "ledger", "SMALL_SEQ", 500));
        assertTrue(e.getMessage().contains("cannot reach 500: its MAX_VALUE is 100"), e.getMessage());
    }

    @Test
    void newestHeartbeatOfASite() throws SQLException {
        assertEquals(OptionalLong.empty(), db.newestHeartbeat(site, "ledger", "heartbeat", "SITEB"));
        sql("INSERT INTO LEDGER.HEARTBEAT VALUES (7, SYSTIMESTAMP, 'SITEA', 'x')",
                "INSERT INTO LEDGER.HEARTBEAT VALUES (1000000003, SYSTIMESTAMP, 'SITEB', 'x')");
        assertEquals(OptionalLong.of(1_000_000_003L), db.newestHeartbeat(site, "ledger", "heartbeat", "SITEB"));
        assertTrue(db.hasHeartbeat(site, "ledger", "heartbeat", 7));
        assertFalse(db.hasHeartbeat(site, "ledger", "heartbeat", 8));
    }

    @Test
    void replicationRoleIsAPostgresMatter() {
        assertFalse(db.replicationRole(site).applicable());
        assertTrue(db.restoreOriginRole(site).atOrigin());
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = standIn.open(site); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    private long nextval(String sequence) throws SQLException {
        try (Connection c = standIn.open(site); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + sequence + ".NEXTVAL FROM DUAL")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
