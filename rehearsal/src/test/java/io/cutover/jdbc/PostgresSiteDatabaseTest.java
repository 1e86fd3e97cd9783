package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.secrets.DbCredentials;
import io.cutover.switchover.ReplicationRole;
import io.cutover.switchover.SentinelTable;
import io.cutover.switchover.SequenceAdvance;
import io.cutover.switchover.SequenceValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

import static io.cutover.rehearsal.pg.PgSql.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PostgresSiteDatabase} against a real PostgreSQL 17 server. */
class PostgresSiteDatabaseTest {
    private static final String ADMIN_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:admin-AbCdEf";
    private static final String APP_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-AbCdEf";

    private static PostgresCluster cluster;
    private static PostgresSiteDatabase db;
    private static DbConnection site;
    private static DbConnection asApp;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.builder().withoutReplica().start();
        db = new PostgresSiteDatabase(new MapSecrets().put(ADMIN_ARN, cluster.credentials())
                .put(APP_ARN, new DbCredentials("app_login", "app-password-1")));
        site = cluster.primary().dbConnection(ADMIN_ARN);
        asApp = cluster.primary().dbConnection(APP_ARN);
        exec(cluster.primary(), SentinelTable.ddl(Engine.POSTGRES, "public", "cutover_sentinel"),
                "CREATE TABLE heartbeat (id bigint PRIMARY KEY, written_at timestamptz, site text, app text)",
                "CREATE SEQUENCE orders_id_seq", "CREATE SEQUENCE small_seq MAXVALUE 100",
                "CREATE SEQUENCE countdown_seq INCREMENT BY -1",
                "CREATE ROLE app_login LOGIN PASSWORD 'app-password-1'", "GRANT USAGE ON SCHEMA public TO app_login");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void sentinelsAreWrittenOnceAndFound() {
        assertTrue(db.tableExists(site, "public", "cutover_sentinel"));
        assertFalse(db.tableExists(site, "public", "nothing_here"));
        assertFalse(db.hasSentinel(site, "public", "cutover_sentinel", "run-1/drain"));
        db.writeSentinel(site, "public", "cutover_sentinel", "run-1/drain", "SITEA");
        db.writeSentinel(site, "public", "cutover_sentinel", "run-1/drain", "SITEA"); // a retried step
        assertTrue(db.hasSentinel(site, "public", "cutover_sentinel", "run-1/drain"));
    }

    @Test
    void sequencesReportTheirNextValueAndAdvanceExactlyNeverBack() throws SQLException {
        exec(cluster.primary(), "SELECT nextval('orders_id_seq')", "SELECT nextval('orders_id_seq')");
        List<SequenceValue> seqs = db.sequences(site, "public");
        assertEquals(List.of("orders_id_seq", "small_seq"), seqs.stream().map(SequenceValue::name).toList(),
                "ascending sequences only");
        long next = seqs.get(0).next();
        assertTrue(next >= 3, "two values used: " + next);
        assertEquals(1, seqs.get(1).next(), "never used: its start value");

        SequenceAdvance a = db.advanceSequence(site, "public", "orders_id_seq", 5_000);
        assertTrue(a.moved());
        assertEquals(5_000, nextval("orders_id_seq"));
        assertFalse(db.advanceSequence(site, "public", "orders_id_seq", 10).moved(), "never moved back");
        assertEquals(5_001, nextval("orders_id_seq"));

        ProbeException e = assertThrows(ProbeException.class, () -> db.advanceSequence(site, "public", "small_seq", 500));
        assertTrue(e.getMessage().contains("its MAXVALUE is 100"), e.getMessage());
    }

    @Test
    void aSequenceMovedAndNotYetUsedReportsWhereItWasMovedAndIsNeverMovedBack() throws SQLException {
        exec(cluster.primary(), "CREATE SEQUENCE moved_seq");
        assertTrue(db.advanceSequence(site, "public", "moved_seq", 7_000).moved());
        // setval(.., false) leaves pg_sequences.last_value NULL: reading it would say 1 (the start).
        assertEquals(7_000, db.sequences(site, "public").stream().filter(v -> v.name().equals("moved_seq"))
                .findFirst().orElseThrow().next());
        SequenceAdvance again = db.advanceSequence(site, "public", "moved_seq", 10);
        assertFalse(again.moved(), "a second sync before any use must not move it back");
        assertEquals(7_000, nextval("moved_seq"));
        exec(cluster.primary(), "DROP SEQUENCE moved_seq");
    }

    /** The switchover's sync inside the freeze: every sequence on one connection, each as advanceSequence would. */
    @Test
    void severalSequencesAdvanceInOneCallInTheirOrderNeverBack() throws SQLException {
        exec(cluster.primary(), "CREATE SEQUENCE batch_a_seq", "CREATE SEQUENCE batch_b_seq START 900",
                "SELECT nextval('batch_b_seq')");
        try {
            java.util.Map<String, Long> wanted = new java.util.LinkedHashMap<>();
            wanted.put("batch_b_seq", 50L);
            wanted.put("batch_a_seq", 3_000L);
            List<SequenceAdvance> done = db.advanceSequences(site, "public", wanted);
            assertEquals(List.of("batch_b_seq", "batch_a_seq"), done.stream().map(SequenceAdvance::name).toList());
            assertFalse(done.get(0).moved(), "901 is past 50: never moved back");
            assertEquals(901, done.get(0).nextBefore());
            assertTrue(done.get(1).moved());
            assertEquals(1, done.get(1).nextBefore());
            assertEquals(3_000, nextval("batch_a_seq"));
            assertEquals(901, nextval("batch_b_seq"));
            ProbeException e = assertThrows(ProbeException.class,
                    () -> db.advanceSequences(site, "public", java.util.Map.of("no_such_seq", 5L)));
            assertTrue(e.getMessage().contains("no_such_seq not found"), e.getMessage());
        } finally {
            exec(cluster.primary(), "DROP SEQUENCE batch_a_seq", "DROP SEQUENCE batch_b_seq");
        }
    }

    /** The drain's wait: one connection, asking every pause, sees a row committed while it waits. */
    @Test
    void aSentinelCommittedWhileWaitingIsSeenOnTheSameConnection() throws Exception {
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            db.writeSentinel(site, "public", "cutover_sentinel", "run-await/drain", "SITEA");
        });
        long started = System.nanoTime();
        assertTrue(db.awaitSentinel(site, "public", "cutover_sentinel", "run-await/drain", java.time.Duration.ofSeconds(60),
                java.time.Duration.ofMillis(10)));
        writer.join();
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "seen long before the budget");
        assertFalse(db.awaitSentinel(site, "public", "cutover_sentinel", "run-await/never", java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(10)), "a sentinel that never comes: false when the budget is spent");
    }

    @Test
    void aSequenceTheLoginCannotReadIsNotGuessed() {
        ProbeException e = assertThrows(ProbeException.class, () -> db.sequences(asApp, "public"));
        assertTrue(e.getMessage().contains("cannot be read by the run's login"), e.getMessage());
    }

    /**
     * The restore resets what cutover set (marked, with the run that set it, beside the setting)
     * and leaves a replica role someone else set deliberately - here for a tool's own login.
     */
    @Test
    void onlyTheReplicaRoleCutoverSetIsReset() throws Exception {
        exec(cluster.primary(), "CREATE ROLE sync_tool LOGIN",
                "ALTER ROLE sync_tool IN DATABASE postgres SET session_replication_role = replica",
                "ALTER ROLE app_login IN DATABASE postgres SET session_replication_role = replica",
                "ALTER ROLE app_login IN DATABASE postgres SET cutover.replication_role_set_by = 'migration-7'");
        try {
            assertEquals("replica", db.replicationRole(asApp).effective());

            db.restoreOriginRole(site);

            assertEquals("origin", db.replicationRole(asApp).effective(), "the application's login writes with origin again");
            assertEquals("{session_replication_role=replica}", text("SELECT s.setconfig::text FROM pg_db_role_setting s"
                    + " JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'sync_tool'"), "someone else's setting stays");
            assertEquals("0", text("SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
                    + " WHERE r.rolname = 'app_login'"), "the marker goes with the setting");
        } finally {
            exec(cluster.primary(), "ALTER ROLE sync_tool IN DATABASE postgres RESET ALL", "DROP ROLE sync_tool",
                    "ALTER ROLE app_login IN DATABASE postgres RESET ALL");
        }
    }

    @Test
    void aReplicaRoleCutoverSetsIsMarkedWithItsRunAndReportedBack() {
        try {
            db.holdReplicaRole(site, "app_login", "migration-8");
            ReplicationRole before = db.replicationRole(site);
            assertEquals(List.of("database postgres, role app_login: replica (set by cutover run migration-8)"),
                    before.overrides());
            assertEquals("replica", db.replicationRole(asApp).effective());

            exec(cluster.primary(), "ALTER DATABASE postgres SET session_replication_role = replica");
            ReplicationRole after = db.restoreOriginRole(site);
            assertEquals(List.of("ALTER ROLE \"app_login\" IN DATABASE \"postgres\" RESET session_replication_role",
                    "ALTER ROLE \"app_login\" IN DATABASE \"postgres\" RESET cutover.replication_role_set_by"), after.reset());
            assertEquals(List.of("database postgres: replica"), after.kept(), "not cutover's: left, and reported");
            assertEquals("replica", after.effective(), "the database-wide setting still applies");
            assertFalse(after.atOrigin());
        } finally {
            exec(cluster.primary(), "ALTER DATABASE postgres RESET session_replication_role",
                    "ALTER ROLE app_login IN DATABASE postgres RESET ALL");
        }
    }

    @Test
    void aServerWideReplicaRoleStaysAndIsReported() {
        try (PostgresCluster replicaRole = PostgresCluster.builder().withoutReplica()
                .setting("session_replication_role", "replica").start()) {
            PostgresSiteDatabase other = new PostgresSiteDatabase(new MapSecrets().put(ADMIN_ARN, replicaRole.credentials()));
            ReplicationRole after = other.restoreOriginRole(replicaRole.primary().dbConnection(ADMIN_ARN));
            assertEquals("replica", after.effective());
            assertFalse(after.atOrigin());
            assertEquals(List.of(), after.reset(), "nothing SQL could reset");
        }
    }

    @Test
    void newestHeartbeatOfASite() {
        exec(cluster.primary(), "INSERT INTO heartbeat VALUES (5, now(), 'SITEA', 'x'), (1000000009, now(), 'SITEB', 'x')");
        assertEquals(OptionalLong.of(1_000_000_009L), db.newestHeartbeat(site, "public", "heartbeat", "SITEB"));
        assertEquals(OptionalLong.empty(), db.newestHeartbeat(site, "public", "heartbeat", "SITEC"));
        assertTrue(db.hasHeartbeat(site, "public", "heartbeat", 5));
        assertFalse(db.hasHeartbeat(site, "public", "heartbeat", 6));
    }

    private static long nextval(String seq) throws SQLException {
        try (Connection c = cluster.primary().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT nextval('" + seq + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(String sql) throws SQLException {
        try (java.sql.Connection c = cluster.primary().connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "no row: " + sql);
            return rs.getString(1);
        }
    }
}
