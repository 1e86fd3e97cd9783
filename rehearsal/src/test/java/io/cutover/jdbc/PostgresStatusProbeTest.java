package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.secrets.DbCredentials;
import io.cutover.status.LogTail;
import io.cutover.status.ReplicationSlot;
import io.cutover.status.ServerPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static io.cutover.rehearsal.pg.PgSql.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PostgresStatusProbe} on real PostgreSQL 17: the server log over SQL (readable with a file
 * logger and the right privileges, "not readable" otherwise, never with a password in it) and
 * slots with the WAL they retain. Streaming replication is covered by StatusRehearsalTest.
 */
class PostgresStatusProbeTest {
    private static final String ADMIN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:admin-AbCdEf";
    private static final String MONITOR = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:monitor-AbCdEf";
    private static final String PLAIN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:plain-AbCdEf";

    private static PostgresCluster withLogFiles;
    private static PostgresCluster toStderr;
    private static PostgresStatusProbe probe;

    @BeforeAll
    static void start() throws SQLException {
        withLogFiles = PostgresCluster.builder().withoutReplica().setting("logging_collector", "on").start();
        toStderr = PostgresCluster.builder().withoutReplica().start();
        // Like the RDS master user: sees the statistics (pg_monitor), may not read server files.
        exec(withLogFiles.primary(), "CREATE ROLE monitor LOGIN PASSWORD 'monitor-pw' IN ROLE pg_monitor");
        MapSecrets secrets = new MapSecrets().put(ADMIN, withLogFiles.credentials())
                .put(MONITOR, new DbCredentials("monitor", "monitor-pw")).put(PLAIN, toStderr.credentials());
        probe = new PostgresStatusProbe(new JdbcConnectionFactory(secrets, JdbcDatabaseStatusProbes.statusSettings()));
    }

    @AfterAll
    static void stop() {
        if (withLogFiles != null) withLogFiles.close();
        if (toStderr != null) toStderr.close();
    }

    @Test
    void logTailShowsTheLatestLinesWithPasswordsRedacted() throws SQLException {
        // A failed statement is logged in full - with the password it carried.
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> exec(withLogFiles.primary(),
                "CREATE ROLE leaky LOGIN PASSWORD 'Sup3rSecret' NOSUCHOPTION"));
        assertTrue(refused.getCause() instanceof SQLException, refused.toString());

        LogTail tail = probe.recentLog(withLogFiles.primary().dbConnection(ADMIN), 5);

        assertNull(tail.notReadable());
        assertTrue(tail.source().startsWith("log/postgresql-"), tail.source());
        assertTrue(tail.lines().size() <= 5 && !tail.lines().isEmpty(), tail.lines().toString());
        String text = String.join("\n", tail.lines());
        assertTrue(text.contains("CREATE ROLE leaky LOGIN PASSWORD *** NOSUCHOPTION"), text);
        assertFalse(text.contains("Sup3rSecret"), text);
    }

    @Test
    void withoutFileReadingPrivilegesTheLogIsNotReadableNotAFailure() {
        LogTail tail = probe.recentLog(withLogFiles.primary().dbConnection(MONITOR), 5);
        assertTrue(tail.notReadable().startsWith("not readable: ") && tail.notReadable().contains("permission denied"),
                tail.notReadable());
        assertTrue(tail.notReadable().contains("DownloadDBLogFilePortion"), tail.notReadable());
        assertTrue(tail.lines().isEmpty());
    }

    @Test
    void aServerLoggingToStderrHasNoLogToRead() {
        LogTail tail = probe.recentLog(toStderr.primary().dbConnection(PLAIN), 5);
        assertTrue(tail.notReadable().contains("logging_collector is off"), tail.notReadable());
    }

    @Test
    void slotsShowTheWalTheyRetain() throws SQLException {
        DbConnection primary = withLogFiles.primary().dbConnection(ADMIN);
        exec(withLogFiles.primary(), "SELECT pg_create_logical_replication_slot('status_probe_test', 'pgoutput')");
        exec(withLogFiles.primary(), "CREATE TABLE filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 2000) g");

        ReplicationSlot slot = probe.slots(primary).stream().filter(s -> s.name().equals("status_probe_test")).findFirst()
                .orElseThrow();

        assertEquals("logical", slot.type());
        assertEquals("pgoutput", slot.plugin());
        assertFalse(slot.active());
        assertTrue(slot.retainedWalBytes() > 400_000, "the table's WAL is held for the slot: " + slot.retainedWalBytes());
        assertEquals(List.of(), probe.walSenders(primary), "nothing streams from it");
        ServerPosition position = probe.position(primary);
        assertFalse(position.inRecovery());
        assertNull(position.replayAgeSeconds());
    }

    @Test
    void aChunkReadFromTheMiddleOfAFileDropsItsCutFirstLine() {
        assertEquals(List.of("b", "c"), PostgresStatusProbe.lastLines("tail of a\nb\nc\n", true, 5));
        assertEquals(List.of("c"), PostgresStatusProbe.lastLines("a\nb\nc\n", false, 1));
        assertEquals(List.of(), PostgresStatusProbe.lastLines("", false, 3));
    }
}
