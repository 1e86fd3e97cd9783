package io.cutover.rehearsal.pg;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.cutover.rehearsal.pg.PgSql.exec;
import static io.cutover.rehearsal.pg.PgSql.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresClusterTest {

    private static PostgresCluster cluster;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.start();
        System.out.println("cluster startup (primary from the initdb template, clone, replica): " + cluster.startupTime().toMillis() + " ms");
        exec(cluster.primary(), "CREATE TABLE IF NOT EXISTS item (id int PRIMARY KEY, name text)");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void replicaStreamsWhatThePrimaryWrites() throws Exception {
        exec(cluster.primary(), "INSERT INTO item VALUES (1, 'first')");
        cluster.waitReplicaCaughtUp(Duration.ofSeconds(30));

        assertEquals("first", text(cluster.replica(), "SELECT name FROM item WHERE id = 1"));
        assertEquals("t", text(cluster.replica(), "SELECT pg_is_in_recovery()"));
        assertEquals("streaming", text(cluster.primary(),
                "SELECT state FROM pg_stat_replication WHERE application_name = 'replica'"));
    }

    @Test
    void stoppedReplicaIsUnreachableAndCatchesUpAfterStart() throws Exception {
        PgServer replica = cluster.replica();
        replica.stop();
        try {
            assertFalse(replica.isRunning());
            assertThrows(SQLException.class, replica::connect);
            exec(cluster.primary(), "INSERT INTO item VALUES (2, 'while the replica was down')");
        } finally {
            replica.start();
        }
        cluster.waitReplicaCaughtUp(Duration.ofSeconds(30));
        assertEquals("while the replica was down", text(replica, "SELECT name FROM item WHERE id = 2"));
    }

    @Test
    void adminRoleNeedsItsPassword() {
        PgServer primary = cluster.primary();
        SQLException wrong = assertThrows(SQLException.class,
                () -> java.sql.DriverManager.getConnection(primary.jdbcUrl(), PostgresCluster.ADMIN_USER, "wrong").close());
        assertEquals("28P01", wrong.getSQLState()); // invalid_password
    }

    @Test
    void serversListenBelowTheEphemeralRangeSoAStoppedOnesPortIsNotHandedToAClient() {
        int ephemeral = PgServer.ephemeralRangeStart();
        assumeTrue(PgServer.choosesBelowEphemeralRange(ephemeral),
                "/proc gives no ephemeral range with room above the floor (off Linux?): " + ephemeral);
        for (PgServer server : List.of(cluster.primary(), cluster.replica())) {
            assertTrue(server.port() < ephemeral && server.port() >= PgServer.PORT_FLOOR, server.toString());
        }
    }

    @Test
    void severalClustersRunAtOnceAndCloseCleanly() throws SQLException {
        List<PostgresCluster> fleet = List.of(
                CompletableFuture.supplyAsync(PostgresCluster::start),
                CompletableFuture.supplyAsync(() -> PostgresCluster.builder().withoutReplica().start()))
                .stream().map(CompletableFuture::join).toList();
        Path dataDirectory = fleet.get(0).primary().dataDirectory();
        try {
            assertNotEquals(fleet.get(0).primary().port(), fleet.get(1).primary().port());
            assertNotEquals(fleet.get(0).credentials().password(), fleet.get(1).credentials().password());
            exec(fleet.get(0).primary(), "CREATE TABLE fleet_probe (id int)");
            fleet.get(0).waitReplicaCaughtUp(Duration.ofSeconds(30));
            assertEquals("0", text(fleet.get(0).replica(), "SELECT count(*) FROM fleet_probe"));
            assertEquals("0", text(fleet.get(1).primary(), "SELECT count(*) FROM pg_stat_replication"));
        } finally {
            fleet.forEach(PostgresCluster::close);
        }
        assertFalse(Files.exists(dataDirectory), "close deletes the data directories");
        assertTrue(fleet.get(1).replicaIfAny().isEmpty());
    }
}
