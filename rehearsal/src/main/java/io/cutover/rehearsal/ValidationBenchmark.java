package io.cutover.rehearsal;

import io.cutover.instance.Engine;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.jdbc.JdbcSettings;
import io.cutover.jdbc.PostgresTableChecksums;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.ChunkChecksum;
import io.cutover.migrate.validation.ComparisonPlan;
import io.cutover.migrate.validation.ComparisonPlanner;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.KeyRange;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.TableComparison;
import io.cutover.migrate.validation.TableResult;
import io.cutover.migrate.validation.Validation;
import io.cutover.migrate.validation.ValidationSettings;
import io.cutover.probe.DbConnection;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.secrets.DbCredentials;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The product's own validation against the limits of the same table on the same server (issue 11,
 * "Performance"), printed, never asserted: this machine is shared and noisy. For each table size:
 * <ul>
 *   <li>(b) the sequential-scan limit: {@code count(*)} time over the table's size (PostgreSQL's
 *       default parallel plan; the serial figure beside it);</li>
 *   <li>(c) {@code count(flag)} of the last column, which reads every column of every row without
 *       hashing: where the time of an exact comparison goes beyond the scan;</li>
 *   <li>(a) a single-query whole-table checksum: count and sum of the same row hash in one query;</li>
 *   <li>ours, one side: the validation's chunk plan and queries on one server with its bounded
 *       workers - what each of source and target does in a real run, where they are two machines;</li>
 *   <li>ours, compare: source against target end to end, both databases on this one machine (so
 *       they share its cores);</li>
 *   <li>peak heap during the compare at each size: memory flat as the table grows.</li>
 * </ul>
 * Usage: {@code ValidationBenchmark [rows...]} (default 1000000 5000000), best run with a small
 * heap (-Xmx256m) to show the bound. Rounds are interleaved and the median printed.
 */
public final class ValidationBenchmark {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:benchmark-AbCdEf";
    private static final int ROUNDS = 3;
    private static final String COLUMNS = "id, account, amount, note, created, flag";

    private ValidationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (String a : args) sizes.add(Long.parseLong(a));
        if (sizes.isEmpty()) sizes = List.of(1_000_000L, 5_000_000L);
        PrintStream out = System.out;
        int cores = Runtime.getRuntime().availableProcessors();
        // PostgreSQL's own parallel plans here run a leader and two workers: the validation gets as many sessions.
        int concurrency = cores + 1;
        out.printf("machine: %d cores, load average %.1f, max heap %d MB; validation concurrency %d per side%n", cores,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().maxMemory() >> 20,
                concurrency);
        try (PostgresCluster cluster = PostgresCluster.builder().withoutReplica()
                .setting("wal_level", "minimal").setting("max_wal_senders", "0").setting("shared_buffers", "1GB")
                .setting("max_wal_size", "8GB").setting("checkpoint_timeout", "30min").start()) {
            PgServer server = cluster.primary();
            DbConnection source = new DbConnection(Engine.POSTGRES, server.host(), server.port(), "source", ARN);
            DbConnection target = new DbConnection(Engine.POSTGRES, server.host(), server.port(), "target", ARN);
            long loadStarted = System.nanoTime();
            sql(server, "postgres", cluster.credentials(), "CREATE DATABASE source");
            for (long rows : sizes) load(server, cluster.credentials(), rows);
            // The target is a file copy of the source: the same rows, as a finished full load leaves them.
            sql(server, "postgres", cluster.credentials(), "CREATE DATABASE target TEMPLATE source");
            out.printf("loaded %s rows in %.0f s%n", sizes, (System.nanoTime() - loadStarted) / 1e9);
            // One login for both databases of the benchmark's server, whatever the ARN.
            io.cutover.secrets.Secrets login = new io.cutover.secrets.Secrets() {
                @Override
                public io.cutover.secrets.DbCredentials credentials(String secretArn) {
                    return cluster.credentials();
                }

                @Override
                public java.util.Set<String> keyNames(String secretArn) {
                    return java.util.Set.of("username", "password");
                }
            };
            PostgresTableChecksums checksums = new PostgresTableChecksums(new JdbcConnectionFactory(
                    login, new JdbcSettings("disable", JdbcSettings.DEFAULT_CONNECT_TIMEOUT,
                    java.time.Duration.ofMinutes(30))));
            ValidationSettings settings = ValidationSettings.defaults().withConcurrency(concurrency)
                    .withMode(ValidationSettings.Mode.FINAL);
            out.printf("%n%-9s %6s | %-21s %-21s | %-21s | %-21s | %-21s %-21s | %-8s %-8s %-8s | %s%n", "rows", "MB",
                    "(b) count(*)", "count(*) serial", "(c) count(last col)", "(a) one-query sum", "ours, one side",
                    "ours, compare",
                    "side/(b)", "side/(a)", "cmp/(b)", "peak heap MB");
            for (long rows : sizes) {
                String table = "bench_" + rows;
                long bytes = scalar(server, cluster.credentials(), "SELECT pg_table_size('" + table + "')");
                List<Double> scan = new ArrayList<>();
                List<Double> serial = new ArrayList<>();
                List<Double> reading = new ArrayList<>();
                List<Double> single = new ArrayList<>();
                List<Double> oneSide = new ArrayList<>();
                List<Double> compare = new ArrayList<>();
                long peak = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    scan.add(seconds(() -> scalar(server, cluster.credentials(), "SELECT count(*) FROM " + table)));
                    serial.add(seconds(() -> scalar(server, cluster.credentials(), "SET max_parallel_workers_per_gather = 0",
                            "SELECT count(*) FROM " + table)));
                    reading.add(seconds(() -> scalar(server, cluster.credentials(), "SELECT count(flag) FROM " + table)));
                    single.add(seconds(() -> scalar(server, cluster.credentials(), "SELECT count(*) + 0 * coalesce(sum("
                            + "hash_record_extended(ROW(" + COLUMNS + "), 0)), 0) FROM " + table)));
                    oneSide.add(seconds(() -> oneSide(checksums, source, table, settings)));
                    System.gc();
                    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
                    compare.add(seconds(() -> compare(checksums, source, target, table, settings, rows)));
                    peak = Math.max(peak, heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
                }
                double mb = bytes / 1e6;
                out.printf("%-9d %6.0f | %s %s | %s | %s | %s %s | %-8s %-8s %-8s | %d%n", rows, mb,
                        rate(mb, rows, median(scan)), rate(mb, rows, median(serial)), rate(mb, rows, median(reading)),
                        rate(mb, rows, median(single)),
                        rate(mb, rows, median(oneSide)), rate(mb, rows, median(compare)),
                        pct(median(scan) / median(oneSide)), pct(median(single) / median(oneSide)),
                        pct(median(scan) / median(compare)), peak >> 20);
            }
            out.printf("%nMB/s and rows/s, median of %d rounds; side/(b): ours on one side over the parallel count(*);"
                    + " side/(a): over the one-query checksum; cmp/(b): the whole compare over the parallel count(*)."
                    + " Load average at the end: %.1f%n", ROUNDS, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    /** The validation's first pass on one server: its chunk boundaries, then every chunk's checksum on bounded workers. */
    private static long oneSide(PostgresTableChecksums checksums, DbConnection db, String table, ValidationSettings settings) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        List<ChecksumSession> sessions = new ArrayList<>();
        ThreadLocal<ChecksumSession> mine = ThreadLocal.withInitial(() -> {
            ChecksumSession s = checksums.open(db);
            synchronized (sessions) {
                sessions.add(s);
            }
            return s;
        });
        try (ChecksumSession control = checksums.open(db)) {
            TableDefinition def = control.definition(TableName.of("public", table)).orElseThrow();
            ComparisonPlan plan = ComparisonPlanner.plan(def, def, control.traits(), control.traits(), Optional::of, null);
            RowHashPlan side = plan.source();
            List<Key> cuts = control.chunkBoundaries(side, settings.rowsPerChunkFor(def.estimatedRows()), settings.maxChunks());
            List<Future<ChunkChecksum>> chunks = new ArrayList<>();
            for (KeyRange r : KeyRange.all().split(cuts)) chunks.add(pool.submit(() -> mine.get().checksum(side, r)));
            long rows = 0;
            for (Future<ChunkChecksum> f : chunks) rows += f.get().rows();
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
            sessions.forEach(ChecksumSession::close);
        }
    }

    private static long compare(PostgresTableChecksums checksums, DbConnection source, DbConnection target, String table,
                                ValidationSettings settings, long rows) {
        try (Validation v = new Validation(checksums, source, checksums, target, settings, d -> {
        })) {
            TableResult r = v.validate(TableComparison.same(TableName.of("public", table)));
            if (r.status() != TableResult.Status.EQUAL || r.sourceRows() != rows) {
                throw new IllegalStateException("benchmark tables should compare equal: " + r.describe());
            }
            return r.chunks();
        }
    }

    private static void load(PgServer server, DbCredentials credentials, long rows) throws SQLException {
        String table = "bench_" + rows;
        // Created and filled in one transaction: with wal_level=minimal the rows write no WAL.
        sql(server, "source", credentials, "BEGIN; CREATE TABLE " + table + " (id bigint NOT NULL, account int NOT NULL,"
                        + " amount numeric(12,2), note text, created timestamptz, flag boolean);"
                        + " INSERT INTO " + table + " SELECT g, g % 10000, (g % 100000) / 100.0, 'order note ' || g,"
                        + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', g % 3 = 0"
                        + " FROM generate_series(1, " + rows + ") g; COMMIT",
                "ALTER TABLE " + table + " ADD PRIMARY KEY (id)",
                // Hint bits and the visibility map set now, so no measured scan pays for them.
                "VACUUM ANALYZE " + table);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static double seconds(Supplier<Long> work) {
        long started = System.nanoTime();
        work.get();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted(Comparator.naturalOrder()).toList();
        return s.get(s.size() / 2);
    }

    private static String rate(double mb, long rows, double seconds) {
        return String.format("%4.0f MB/s %5.2fM rows/s", mb / seconds, rows / seconds / 1e6);
    }

    private static String pct(double ratio) {
        return String.format("%.0f%%", 100 * ratio);
    }

    /** Runs the statements on one connection of the source database; the last one's first value. */
    private static long scalar(PgServer server, DbCredentials credentials, String... statements) {
        try (Connection c = connect(server, "source", credentials); Statement st = c.createStatement()) {
            for (int i = 0; i < statements.length - 1; i++) st.execute(statements[i]);
            try (ResultSet rs = st.executeQuery(statements[statements.length - 1])) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(PgServer server, String database, DbCredentials credentials, String... statements) throws SQLException {
        try (Connection c = connect(server, database, credentials); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    private static Connection connect(PgServer server, String database, DbCredentials credentials) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database,
                credentials.username(), credentials.password());
    }
}
