package io.cutover.jdbc;

import io.cutover.probe.BlockingSession;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.LogicalSlotBlocked;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SlotRemoval;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.secrets.DbCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static io.cutover.rehearsal.pg.PgSql.exec;
import static io.cutover.rehearsal.pg.PgSql.text;
import static io.cutover.probe.Position.lsnToLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PostgresProbe} against real PostgreSQL 17 servers: a primary with a streaming replica. */
class PostgresProbeTest {

    private static final String PRIMARY_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:primary-AbCdEf";
    private static final String REPLICA_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:replica-AbCdEf";

    private static PostgresCluster cluster;
    private static PostgresProbe probe;
    private static DbConnection primary;
    private static DbConnection replica;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.start();
        probe = new PostgresProbe(new MapSecrets().put(PRIMARY_ARN, cluster.credentials()).put(REPLICA_ARN, cluster.credentials()));
        primary = cluster.primary().dbConnection(PRIMARY_ARN);
        replica = cluster.replica().dbConnection(REPLICA_ARN);
        exec(cluster.primary(), "CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
        exec(cluster.primary(), "CREATE TABLE lag_orders (id bigint PRIMARY KEY, note text)");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void primaryIsReadyForCdc() {
        CdcReadiness readiness = probe.cdcReadiness(primary);
        assertEquals(List.of(), readiness.problems());
        assertTrue(readiness.ready());
    }

    @Test
    void readinessNamesWalLevelAndFullSlots() throws Exception {
        try (PostgresCluster plain = PostgresCluster.builder().withoutReplica()
                .setting("wal_level", "replica").setting("max_replication_slots", "1").start()) {
            exec(plain.primary(), "SELECT pg_create_physical_replication_slot('only_slot')");
            PostgresProbe plainProbe = new PostgresProbe(new MapSecrets().put(PRIMARY_ARN, plain.credentials()));

            CdcReadiness readiness = plainProbe.cdcReadiness(plain.primary().dbConnection(PRIMARY_ARN));

            assertFalse(readiness.ready());
            assertEquals(List.of(
                    "wal_level is replica; DMS CDC needs logical (rds.logical_replication=1)",
                    "max_replication_slots is 1 and 1 slots exist; DMS CDC needs a free slot (raise max_replication_slots)"),
                    readiness.problems());
        }
    }

    @Test
    void wrongSecretIsRefusedWithoutLeakingIt() {
        String arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:wrong-AbCdEf";
        PostgresProbe wrong = new PostgresProbe(new MapSecrets().put(arn, new DbCredentials(PostgresCluster.ADMIN_USER, "s3cret-wrong")));
        ProbeException e = assertThrows(ProbeException.class, () -> wrong.currentPosition(cluster.primary().dbConnection(arn)));
        assertTrue(e.getMessage().startsWith("current WAL position failed on postgres 127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-wrong"));
    }

    @Test
    void currentPositionIsTheInsertLsnAndMovesWithWrites() {
        Position first = probe.currentPosition(primary);
        exec(cluster.primary(), "INSERT INTO orders VALUES (-1, 'position probe')");
        Position second = probe.currentPosition(primary);

        assertEquals("pg_current_wal_insert_lsn()", first.how());
        assertTrue(lsnToLong(second.value()) > lsnToLong(first.value()), first + " then " + second);
        ProbeException onReplica = assertThrows(ProbeException.class, () -> probe.currentPosition(replica));
        assertTrue(onReplica.getMessage().contains("is still in recovery (a replica)"), onReplica.getMessage());
    }

    @Test
    void lagGrowsWhileReplayIsPausedAndReturnsToZero() throws Exception {
        ReplicaLag paused;
        try (RowWriter writer = new RowWriter(cluster.primary(), "lag_orders")) {
            writer.awaitMore(50);
            exec(cluster.replica(), "SELECT pg_wal_replay_pause()");
            try {
                Thread.sleep(1_500); // writes go on; the oldest unreplayed WAL gets older
                paused = probe.lag(primary, replica);
            } finally {
                exec(cluster.replica(), "SELECT pg_wal_replay_resume()");
            }
        }
        assertTrue(paused.distance() > 0, "distance while paused: " + paused);
        assertTrue(paused.seconds() >= 1.0 && paused.seconds() < 30, "seconds while paused: " + paused);
        assertEquals(paused.distance(), lsnToLong(paused.sourcePosition()) - lsnToLong(paused.replicaPosition()));

        ReplicaLag after = poll(() -> probe.lag(primary, replica), lag -> lag.distance() == 0, Duration.ofSeconds(20));
        assertEquals(0.0, after.seconds());
        assertThrows(ProbeException.class, () -> probe.lag(primary, primary), "the primary is no replica");
    }

    @Test
    void openTransactionsSeeABackendHoldingAnXid() throws Exception {
        assertTrue(probe.openTransactions(primary).none());
        try (Connection app = cluster.primary().connect()) {
            app.setAutoCommit(false);
            String started;
            try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(
                    "INSERT INTO orders VALUES (-2, 'open') RETURNING now()")) {
                rs.next();
                started = rs.getObject(1, OffsetDateTime.class).toInstant().toString();
            }
            OpenTransactions open = probe.openTransactions(primary);
            assertEquals(new OpenTransactions(1, started), open);
            app.rollback();
        }
        OpenTransactions none = probe.openTransactions(primary);
        assertEquals(0, none.count());
        assertNull(none.oldestStart());
    }

    @Test
    void prepareLogicalSlotIsIdempotentAndChecksNames() throws Exception {
        try {
            probe.prepareLogicalSlot(primary, "run_42", "run_42_pub", "pgoutput");
            probe.prepareLogicalSlot(primary, "run_42", "run_42_pub", "pgoutput");

            assertEquals("1 pgoutput logical", text(cluster.primary(),
                    "SELECT count(*) || ' ' || max(plugin) || ' ' || max(slot_type) FROM pg_replication_slots WHERE slot_name = 'run_42'"));
            assertEquals("1 true", text(cluster.primary(),
                    "SELECT count(*) || ' ' || bool_and(puballtables) FROM pg_publication WHERE pubname = 'run_42_pub'"));
            assertThrows(IllegalArgumentException.class,
                    () -> probe.prepareLogicalSlot(primary, "run-42\"; DROP TABLE orders; --", "p", "pgoutput"));
            ProbeException otherPlugin = assertThrows(ProbeException.class,
                    () -> probe.prepareLogicalSlot(primary, "run_42", "run_42_pub", "test_decoding"));
            assertTrue(otherPlugin.getMessage().contains("already exists as a logical slot with plugin pgoutput"), otherPlugin.getMessage());
        } finally {
            exec(cluster.primary(), "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'run_42'");
            exec(cluster.primary(), "DROP PUBLICATION IF EXISTS run_42_pub");
        }
    }

    /**
     * Creating a logical slot waits for every transaction open when it starts: the probe names
     * the sessions holding one (from pg_stat_activity) instead of waiting on them blindly, creates
     * nothing, and creates the slot once they have ended.
     */
    @Test
    void slotCreationNamesTheOpenTransactionsItWouldWaitFor() throws Exception {
        try (Connection app = cluster.primary().connect()) {
            try (Statement st = app.createStatement()) {
                st.execute("SET application_name = 'orders-api'");
            }
            app.setAutoCommit(false);
            int pid;
            try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(
                    "INSERT INTO orders VALUES (-30, 'held open') RETURNING pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            long started = System.nanoTime();
            LogicalSlotBlocked blocked = assertThrows(LogicalSlotBlocked.class,
                    () -> probe.prepareLogicalSlot(primary, "run_blocked", "run_blocked", "test_decoding"));
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(PostgresProbe.SLOT_CREATION_SECONDS + 5).toNanos(),
                    "named, not waited for");
            BlockingSession s = blocked.sessions().get(0);
            assertEquals(pid, s.pid());
            assertEquals(PostgresCluster.ADMIN_USER, s.user());
            assertEquals("orders-api", s.application());
            assertEquals("idle in transaction", s.state());
            assertTrue(s.transactionStart() != null && blocked.getMessage().contains("pid " + pid + " (user "
                    + PostgresCluster.ADMIN_USER + ", application orders-api, transaction since "), blocked.getMessage());
            assertEquals("0", text(cluster.primary(), "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'run_blocked'"),
                    "nothing created while blocked");
            app.rollback();
        }
        try {
            probe.prepareLogicalSlot(primary, "run_blocked", "run_blocked", "test_decoding");
            assertEquals("1 test_decoding", text(cluster.primary(),
                    "SELECT count(*) || ' ' || max(plugin) FROM pg_replication_slots WHERE slot_name = 'run_blocked'"));
        } finally {
            exec(cluster.primary(), "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'run_blocked'");
            exec(cluster.primary(), "DROP PUBLICATION IF EXISTS run_blocked");
        }
    }

    /**
     * A busy database always has short transactions in flight (DMS applying to it, applications
     * writing): one found open that ends within the grace is waited out, not named, and the slot made.
     */
    @Test
    void slotCreationWaitsOutATransactionThatEndsWithinTheGrace() throws Exception {
        try (Connection app = cluster.primary().connect()) {
            app.setAutoCommit(false);
            try (Statement st = app.createStatement()) {
                st.execute("INSERT INTO orders VALUES (-31, 'short')");
            }
            Thread committer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(PostgresProbe.SHORT_TRANSACTION_GRACE.dividedBy(3));
                    app.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                probe.prepareLogicalSlot(primary, "run_short", "run_short", "test_decoding");
                committer.join();
                assertEquals("1", text(cluster.primary(), "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'run_short'"));
            } finally {
                committer.join();
                exec(cluster.primary(), "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'run_short'");
                exec(cluster.primary(), "DROP PUBLICATION IF EXISTS run_short");
            }
        }
    }

    /** A rollback drops the run's slot and publication when nobody reads the slot, and keeps one being read. */
    @Test
    void dropLogicalSlotDropsAnUnreadSlotAndItsPublicationAndKeepsARead() throws Exception {
        probe.prepareLogicalSlot(primary, "run_drop", "run_drop", "test_decoding");
        assertEquals(new SlotRemoval(SlotRemoval.Outcome.DROPPED, null), probe.dropLogicalSlot(primary, "run_drop", "run_drop"));
        assertEquals("0 0", text(cluster.primary(), "SELECT (SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'run_drop')"
                + " || ' ' || (SELECT count(*) FROM pg_publication WHERE pubname = 'run_drop')"));
        assertEquals(SlotRemoval.Outcome.ABSENT, probe.dropLogicalSlot(primary, "run_drop", "run_drop").outcome());

        probe.prepareLogicalSlot(primary, "run_read", "run_read", "test_decoding");
        java.util.Properties props = new java.util.Properties();
        org.postgresql.PGProperty.USER.set(props, cluster.credentials().username());
        org.postgresql.PGProperty.PASSWORD.set(props, cluster.credentials().password());
        org.postgresql.PGProperty.REPLICATION.set(props, "database");
        org.postgresql.PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        org.postgresql.PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PgServer server = cluster.primary();
        try (Connection walsender = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + server.database(), props);
             org.postgresql.replication.PGReplicationStream stream = walsender.unwrap(org.postgresql.PGConnection.class)
                     .getReplicationAPI().replicationStream().logical().withSlotName("run_read").start()) {
            // A walsender streaming the slot holds it (active_pid), as a DMS task reading it would.
            String pid = poll(() -> text(server, "SELECT coalesce(active_pid, 0) FROM pg_replication_slots WHERE slot_name = 'run_read'"),
                    p -> !p.equals("0"), Duration.ofSeconds(20));
            assertEquals(new SlotRemoval(SlotRemoval.Outcome.IN_USE, Integer.parseInt(pid)),
                    probe.dropLogicalSlot(primary, "run_read", "run_read"));
            assertEquals("1", text(server, "SELECT count(*) FROM pg_publication WHERE pubname = 'run_read'"), "kept with its slot");
        }
        poll(() -> text(server, "SELECT coalesce(active_pid, 0) FROM pg_replication_slots WHERE slot_name = 'run_read'"),
                p -> p.equals("0"), Duration.ofSeconds(20));
        assertEquals(SlotRemoval.Outcome.DROPPED, probe.dropLogicalSlot(primary, "run_read", "run_read").outcome());
        assertEquals("0", text(cluster.primary(), "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'run_read'"));
    }

    @Test
    void forkPositionNeedsAPromotedServer() {
        ProbeException onReplica = assertThrows(ProbeException.class, () -> probe.forkPosition(replica));
        assertTrue(onReplica.getMessage().contains("promote it before asking for its fork position"), onReplica.getMessage());
        ProbeException onTimelineOne = assertThrows(ProbeException.class, () -> probe.forkPosition(primary));
        assertTrue(onTimelineOne.getMessage().contains("is on timeline 1"), onTimelineOne.getMessage());
    }

    /**
     * The position is exact: CDC from the old primary's slot, started at the fork LSN on the
     * promoted server, brings it to the same rows as the primary although writes never stopped.
     */
    @Test
    void forkPositionIsExactlyWhereLogicalReplicationMustStart() throws Exception {
        try (PostgresCluster pair = PostgresCluster.start()) {
            PgServer oldPrimary = pair.primary();
            PgServer promoted = pair.replica();
            MapSecrets secrets = new MapSecrets().put(PRIMARY_ARN, pair.credentials()).put(REPLICA_ARN, pair.credentials())
                    .put("arn:repl", new DbCredentials("probe_repl", "repl-only-9"));
            PostgresProbe pairProbe = new PostgresProbe(secrets);
            DbConnection source = oldPrimary.dbConnection(PRIMARY_ARN);
            exec(oldPrimary, "CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
            // Replication attribute only: pg_read_file is denied, TIMELINE_HISTORY is not.
            exec(oldPrimary, "CREATE ROLE probe_repl LOGIN REPLICATION PASSWORD 'repl-only-9'");
            pairProbe.prepareLogicalSlot(source, "cutover_run_7", "cutover_run_7", "pgoutput");

            Position before;
            Position fork;
            Position later;
            long promotedRowsAtFork;
            try (RowWriter writer = new RowWriter(oldPrimary, "orders")) {
                writer.awaitMore(200);
                before = pairProbe.currentPosition(source);
                pair.waitReplicaCaughtUp(Duration.ofSeconds(30));
                assertEquals("t", text(promoted, "SELECT pg_promote(true, 60)"));
                fork = pairProbe.forkPosition(promoted.dbConnection(REPLICA_ARN));
                promotedRowsAtFork = Long.parseLong(text(promoted, "SELECT count(*) FROM orders"));
                writer.awaitMore(300); // the old primary goes on: these rows exist only there
                later = pairProbe.currentPosition(source);
            }

            assertTrue(lsnToLong(before.value()) <= lsnToLong(fork.value()), before + " <= " + fork);
            assertTrue(lsnToLong(fork.value()) <= lsnToLong(later.value()), fork + " <= " + later);
            assertEquals("fork LSN of timeline 2 (pg_wal/00000002.history via pg_read_file)", fork.how());
            Position viaReplication = pairProbe.forkPosition(promoted.dbConnection("arn:repl"));
            assertEquals(fork.value(), viaReplication.value());
            assertTrue(viaReplication.how().endsWith("via TIMELINE_HISTORY)"), viaReplication.how());

            subscribeFrom(promoted, oldPrimary, pair.credentials(), "cutover_run_7", fork);
            String expected = text(oldPrimary, CHECKSUM);
            assertTrue(Long.parseLong(expected.split(" ")[0]) >= promotedRowsAtFork + 300, "rows after the fork: " + expected);
            poll(() -> text(promoted, CHECKSUM), expected::equals, Duration.ofSeconds(60));
        }
    }

    private static final String CHECKSUM =
            "SELECT count(*) || ' ' || coalesce(md5(string_agg(id || ':' || note, ',' ORDER BY id)), '') FROM orders";

    /** FACTS.md: subscription on the existing slot, its origin advanced to the fork, then enabled. */
    private static void subscribeFrom(PgServer promoted, PgServer oldPrimary, DbCredentials credentials, String slot,
                                      Position fork) {
        exec(promoted, "CREATE SUBSCRIPTION from_old_primary CONNECTION 'host=" + oldPrimary.host() + " port="
                + oldPrimary.port() + " dbname=" + oldPrimary.database() + " user=" + credentials.username()
                + " password=" + credentials.password() + "' PUBLICATION " + slot
                + " WITH (create_slot = false, slot_name = '" + slot + "', copy_data = false, enabled = false)");
        exec(promoted, "SELECT pg_replication_origin_advance('pg_' || oid, '" + fork.value() + "'::pg_lsn)"
                + " FROM pg_subscription WHERE subname = 'from_old_primary'");
        exec(promoted, "ALTER SUBSCRIPTION from_old_primary ENABLE");
    }

    interface Attempt<T> {
        T get() throws Exception;
    }

    static <T> T poll(Attempt<T> attempt, java.util.function.Predicate<T> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = attempt.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) throw new AssertionError("still not done after " + timeout + ": " + last);
            Thread.sleep(50);
            last = attempt.get();
        }
        return last;
    }
}
