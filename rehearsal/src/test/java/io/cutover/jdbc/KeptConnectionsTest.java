package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.rehearsal.local.LocalSecrets;
import io.cutover.rehearsal.pg.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kept PostgreSQL connections on a real server: reused, reset, never stale, and never left behind. */
class KeptConnectionsTest {
    static PostgresCluster server;
    static DbConnection target;
    static KeptConnections kept;
    static JdbcConnectionFactory connections;

    @BeforeAll
    static void start() {
        server = PostgresCluster.builder().withoutReplica().start();
        LocalSecrets secrets = new LocalSecrets();
        String secret = secrets.register("kept", server.credentials(), server.primary().host(), server.primary().port());
        target = server.primary().dbConnection(secret);
        connections = new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment());
        kept = new KeptConnections(connections);
    }

    @AfterAll
    static void stop() {
        if (kept != null) kept.close();
        if (server != null) server.close();
    }

    @Test
    void aClosedConnectionIsHandedOutAgainResetAndTheOldHandleIsDead() throws SQLException {
        Connection first = kept.open(target);
        int backend = backendPid(first);
        try (Statement s = first.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("CREATE TEMP TABLE scratch (x int)");
        }
        first.setAutoCommit(false);
        try (Statement s = first.createStatement()) {
            s.execute("INSERT INTO scratch VALUES (1)");
        }
        first.close();
        assertTrue(first.isClosed());
        assertThrows(SQLException.class, first::createStatement, "a handed-back connection cannot be used");

        try (Connection again = kept.open(target)) {
            assertEquals(backend, backendPid(again), "the same backend, not a new connection");
            assertTrue(again.getAutoCommit());
            assertEquals("origin", text(again, "SHOW session_replication_role"), "session settings reset");
            assertEquals("0", text(again, "SELECT count(*) FROM pg_tables WHERE tablename = 'scratch'"),
                    "temporary table gone");
        }
    }

    @Test
    void aStatementTheDriverPreparedOnTheServerBeforeTheResetIsPreparedAgainAfterIt() throws SQLException {
        String sql = "SELECT count(*) FROM pg_class WHERE relpages >= ?";
        int backend;
        try (Connection c = kept.open(target)) {
            backend = backendPid(c);
            // pgjdbc prepares a statement on the server from its fifth execution and keeps it cached.
            for (int i = 0; i < 10; i++) count(c, sql);
            assertTrue(serverPrepared(c) > 0, "the driver holds a server-side statement");
        }
        try (Connection again = kept.open(target)) {
            assertEquals(backend, backendPid(again));
            assertEquals(0, serverPrepared(again), "DISCARD ALL deallocated it");
            // The driver must know: reusing its cached name now would fail with "prepared statement does not exist".
            for (int i = 0; i < 10; i++) count(again, sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int serverPrepared(Connection c) throws SQLException {
        return Integer.parseInt(text(c, "SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql"));
    }

    @Test
    void aKeptConnectionCarriesTheServersIdleLimitOnlyWhileItWaits() throws SQLException {
        try (Connection c = kept.open(target)) {
            assertEquals("0", text(c, "SHOW idle_session_timeout"), "a fresh connection: the server's default");
        }
        try (Connection again = kept.open(target)) {
            assertEquals("0", text(again, "SHOW idle_session_timeout"),
                    "handed out again: the limit it waited under is off, so a step's own pause is never cut");
        }
    }

    @Test
    void theServerEndsAKeptConnectionLeftIdleAndTheNextCallGetsANewOne() throws SQLException, InterruptedException {
        try (KeptConnections shortLimit = new KeptConnections(connections, Duration.ofSeconds(1), System::nanoTime)) {
            int backend = backendOfACall(shortLimit);
            // As a frozen Lambda container's would be: nobody calls, the server closes it after the limit.
            awaitBackendGone(backend);
            assertANewWorkingConnection(shortLimit, backend);
        }
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsClosedNotReused() throws SQLException {
        AtomicLong now = new AtomicLong();
        try (KeptConnections clocked = new KeptConnections(connections, Duration.ofSeconds(60), now::get)) {
            int first = backendOfACall(clocked);
            now.addAndGet(Duration.ofSeconds(59).toNanos());
            try (Connection c = clocked.open(target)) {
                assertEquals(first, backendPid(c), "idle 59 s: kept");
            }
            now.addAndGet(Duration.ofSeconds(60).toNanos());
            try (Connection c = clocked.open(target)) {
                assertNotEquals(first, backendPid(c), "idle 60 s: closed, a new one");
            }
        }
    }

    @Test
    void aConnectionReusedAllTheTimeIsReplacedAtItsMaximumAge() throws SQLException {
        AtomicLong now = new AtomicLong();
        try (KeptConnections clocked = new KeptConnections(connections, Duration.ofSeconds(60), now::get)) {
            int first = backendOfACall(clocked);
            long step = Duration.ofSeconds(50).toNanos();
            while (now.get() + step < KeptConnections.MAX_AGE.toNanos()) {
                now.addAndGet(step);
                assertEquals(first, backendOfACall(clocked), "busy and younger than the maximum age: kept");
            }
            now.addAndGet(step);
            assertNotEquals(first, backendOfACall(clocked), "at the maximum age: replaced");
        }
    }

    @Test
    void aConnectionWhoseBackendEndedIsNotHandedOut() throws SQLException, InterruptedException {
        int backend = backendOfACall(kept);
        try (Connection admin = server.primary().connect(); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + backend + ")");
        }
        awaitBackendGone(backend);
        assertANewWorkingConnection(kept, backend);
    }

    @Test
    void aRoleSettingChangeRetiresEveryConnectionMadeBefore() throws SQLException {
        String role = server.credentials().username();
        try {
            Connection other = kept.open(target);
            int otherBackend = backendPid(other);
            try (Connection c = kept.open(target); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE \"" + role + "\" SET session_replication_role = replica");
            }
            other.close();
            try (Connection c = kept.open(target)) {
                assertNotEquals(otherBackend, backendPid(c), "made before the ALTER ROLE: closed, not kept");
                assertEquals("replica", text(c, "SHOW session_replication_role"), "a new session takes the role's setting");
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER ROLE \"" + role + "\" RESET session_replication_role");
                }
            }
        } finally {
            resetRole(role);
        }
        try (Connection c = kept.open(target)) {
            assertEquals("origin", text(c, "SHOW session_replication_role"));
        }
    }

    @Test
    void aSettingsChangePreparedOrBehindACommentRetiresToo() throws SQLException {
        String role = server.credentials().username();
        for (String sql : new String[]{"ALTER ROLE \"" + role + "\" SET work_mem = '5MB'",
                "/* cutover */ alter role \"" + role + "\" SET work_mem = '6MB'"}) {
            try {
                int before = backendOfACall(kept);
                try (Connection c = kept.open(target); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.execute();
                }
                int after = backendOfACall(kept);
                assertNotEquals(before, after, "kept from before " + sql + ": retired");
            } finally {
                try (Connection admin = server.primary().connect(); Statement s = admin.createStatement()) {
                    s.execute("ALTER ROLE \"" + role + "\" RESET work_mem");
                }
            }
        }
    }

    @Test
    void aNewSessionSeesARoleSettingChangedElsewhereWhereAKeptOneDoesNot() throws SQLException {
        String role = server.credentials().username();
        int keptBackend = backendOfACall(kept);
        try {
            // Another function or an operator changes it: this container does not see the statement.
            try (Connection admin = server.primary().connect(); Statement s = admin.createStatement()) {
                s.execute("ALTER ROLE \"" + role + "\" SET session_replication_role = replica");
            }
            try (Connection c = kept.open(target)) {
                assertEquals(keptBackend, backendPid(c));
                assertEquals("origin", text(c, "SHOW session_replication_role"), "a kept session answers for its start");
            }
            try (Connection fresh = kept.openNew(target)) {
                assertNotEquals(keptBackend, backendPid(fresh));
                assertEquals("replica", text(fresh, "SHOW session_replication_role"), "openNew: what new sessions get");
            }
        } finally {
            resetRole(role);
        }
    }

    @Test
    void nothingABorrowerGotWorksAfterTheHandBackNorLeadsToTheRealConnection() throws SQLException {
        Connection c = kept.open(target);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1");
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT 2");
        assertSame(c, st.getConnection());
        assertSame(c, ps.getConnection());
        assertSame(c, rs.getStatement().getConnection());
        assertSame(c, c.getMetaData().getConnection());
        c.close();
        assertThrows(SQLException.class, () -> st.executeQuery("SELECT 1"), "a statement of a returned loan");
        assertThrows(SQLException.class, ps::executeQuery, "a prepared statement of a returned loan");
        assertThrows(SQLException.class, rs::next, "a result set of a returned loan");
    }

    @Test
    void atMostTwoWaitPerTarget() throws SQLException {
        try (KeptConnections own = new KeptConnections(connections)) {
            Connection a = own.open(target);
            Connection b = own.open(target);
            Connection c = own.open(target);
            a.close();
            b.close();
            c.close();
            assertEquals(KeptConnections.IDLE_PER_TARGET, own.idleCount());
        }
    }

    @Test
    void oracleConnectionsAndServersBeforeFourteenAreNeverKept() throws SQLException {
        List<Connection> physical = new ArrayList<>();
        ConnectionFactory fake = new ConnectionFactory() {
            @Override
            public Connection open(DbConnection t) {
                Connection c = fakeConnection(13);
                physical.add(c);
                return c;
            }
        };
        try (KeptConnections own = new KeptConnections(fake)) {
            DbConnection oracle = new DbConnection(io.cutover.instance.Engine.ORACLE, "ora", 1521, "ORCL", "arn:secret");
            Connection o = own.open(oracle);
            assertSame(physical.get(0), o, "Oracle: the delegate's own connection, not a loan");
            DbConnection old = new DbConnection(io.cutover.instance.Engine.POSTGRES, "pg13", 5432, "postgres", "arn:secret");
            own.open(old).close();
            assertTrue(physical.get(1).isClosed(), "PostgreSQL 13 cannot end an idle session itself: closed, not kept");
            assertEquals(0, own.idleCount());
        }
    }

    /** A stand-in physical connection of a server of the given major version. */
    private static Connection fakeConnection(int majorVersion) {
        boolean[] closed = {false};
        java.sql.DatabaseMetaData meta = (java.sql.DatabaseMetaData) java.lang.reflect.Proxy.newProxyInstance(
                getClassLoader(), new Class<?>[]{java.sql.DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseMajorVersion") ? majorVersion : null);
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClassLoader(), new Class<?>[]{Connection.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getMetaData" -> meta;
                    case "getNetworkTimeout" -> 0;
                    case "isClosed" -> closed[0];
                    case "close" -> {
                        closed[0] = true;
                        yield null;
                    }
                    case "equals" -> p == a[0];
                    case "hashCode" -> System.identityHashCode(p);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ClassLoader getClassLoader() {
        return KeptConnectionsTest.class.getClassLoader();
    }

    private static void resetRole(String role) throws SQLException {
        try (Connection admin = server.primary().connect(); Statement s = admin.createStatement()) {
            s.execute("ALTER ROLE \"" + role + "\" RESET session_replication_role");
        }
    }

    @Test
    void replicationConnectionsAreNotKept() throws SQLException {
        int before = kept.idleCount();
        try (Connection c = kept.openReplication(target)) {
            assertFalse(c.isClosed());
        }
        assertEquals(before, kept.idleCount());
    }

    /** The backend of a connection opened and closed again (handed back, so kept). */
    private static int backendOfACall(KeptConnections k) throws SQLException {
        try (Connection c = k.open(target)) {
            return backendPid(c);
        }
    }

    private static void assertANewWorkingConnection(KeptConnections k, int oldBackend) throws SQLException {
        try (Connection c = k.open(target)) {
            assertNotEquals(oldBackend, backendPid(c));
            assertEquals("1", text(c, "SELECT 1"));
        }
    }

    private static void awaitBackendGone(int backend) throws SQLException, InterruptedException {
        try (Connection admin = server.primary().connect()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!text(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + backend).equals("0")) {
                assertTrue(System.nanoTime() < deadline, "backend " + backend + " still there after 30 s");
                Thread.sleep(20);
            }
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        return Integer.parseInt(text(c, "SELECT pg_backend_pid()"));
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
