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
 *       default parallel plan);</li>
 *   <li>(b2) the fair limit of the compare here: {@code count(*)} on the source and the target at
 *       once, as the two databases share this machine's cores;</li>
 *   <li>(c) {@code count(flag)} of the last column, which reads every column of every row without
 *       hashing;</li>
 *   <li>(a) a single-query whole-table checksum: count and sum of the validation's own row hash in
 *       one query with PostgreSQL's parallel plan (and, for the compare, on both sides at once);</li>
 *   <li>ours, one side: the validation's sample, chunk plan and chunk queries on one server with its
 *       bounded workers - what each of source and target does in a real run, where they are two
 *       machines;</li>
 *   <li>ours, compare: source against target end to end with 1 and with cores + 1 sessions per side;</li>
 *   <li>peak heap during the compare at each size: memory flat as the table grows.</li>
 * </ul>
 * Usage: {@code ValidationBenchmark [rows...]} (default 1000000 5000000), best run with a small
 * heap (-Xmx256m) to show the bound. Rounds are interleaved and the median printed.
 */
public final class ValidationBenchmark {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:benchmark-AbCdEf";
    private static final int ROUNDS = 3;

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
            ValidationSettings single = settings.withConcurrency(1);
            out.printf("fair scan limit of the compare: (b2), both databases' count(*) at once - source and target share"
                    + " these %d cores%n", cores);
            out.printf("%n%-9s %5s | %-21s | %-21s | %-21s | %-21s | %-21s | %-21s %-21s | %-7s %-7s %-7s %-7s | %s%n", "rows",
                    "MB", "(b) count(*)", "(b2) both at once", "(c) count(last col)", "(a) one-query sum", "ours, one side",
                    "ours, compare c=1", "ours, compare c=" + concurrency,
                    "side/b", "side/a", "cmp/b2", "cmp/a2", "peak heap MB");
            for (long rows : sizes) {
                String table = "bench_" + rows;
                long bytes = scalar(server, "source", cluster.credentials(), "SELECT pg_table_size('" + table + "')");
                String oneQuery = PostgresTableChecksums.wholeTableChecksum(plan(checksums, source, table));
                List<Double> scan = new ArrayList<>();
                List<Double> bothScans = new ArrayList<>();
                List<Double> reading = new ArrayList<>();
                List<Double> oneQuerySum = new ArrayList<>();
                List<Double> bothOneQuery = new ArrayList<>();
                List<Double> oneSide = new ArrayList<>();
                List<Double> compareSingle = new ArrayList<>();
                List<Double> compare = new ArrayList<>();
                long peak = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    scan.add(seconds(() -> scalar(server, "source", cluster.credentials(), "SELECT count(*) FROM " + table)));
                    bothScans.add(seconds(() -> onBoth(server, cluster.credentials(), "SELECT count(*) FROM " + table)));
                    reading.add(seconds(() -> scalar(server, "source", cluster.credentials(), "SELECT count(flag) FROM " + table)));
                    oneQuerySum.add(seconds(() -> scalar(server, "source", cluster.credentials(), oneQuery)));
                    bothOneQuery.add(seconds(() -> onBoth(server, cluster.credentials(), oneQuery)));
                    oneSide.add(seconds(() -> oneSide(checksums, source, table, settings)));
                    compareSingle.add(seconds(() -> compare(checksums, source, target, table, single, rows)));
                    System.gc();
                    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
                    compare.add(seconds(() -> compare(checksums, source, target, table, settings, rows)));
                    peak = Math.max(peak, heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
                }
                double mb = bytes / 1e6;
                out.printf("%-9d %5.0f | %s | %s | %s | %s | %s | %s %s | %-7s %-7s %-7s %-7s | %d%n", rows, mb,
                        rate(mb, rows, median(scan)), rate(mb, rows, median(bothScans)), rate(mb, rows, median(reading)),
                        rate(mb, rows, median(oneQuerySum)), rate(mb, rows, median(oneSide)),
                        rate(mb, rows, median(compareSingle)), rate(mb, rows, median(compare)),
                        pct(median(scan) / median(oneSide)), pct(median(oneQuerySum) / median(oneSide)),
                        pct(median(bothScans) / median(compare)), pct(median(bothOneQuery) / median(compare)), peak >> 20);
            }
            out.printf("%nMB/s and rows/s (per side), median of %d rounds. (b) count(*) on one database, PostgreSQL's"
                    + " parallel plan; (b2) count(*) on source and target at once, each side's rate; (c) count of the last"
                    + " column (reads every column, hashes nothing); (a) the validation's own row hash summed in one"
                    + " parallel query; ours: the validation (sample, chunk plan, chunk checksums on c sessions), on one"
                    + " side, and source against target end to end. side/b, side/a: ours on one side over (b) and (a);"
                    + " cmp/b2: the compare over the fair scan limit (b2); cmp/a2: over (a) run on both sides at once."
                    + " Load average at the end: %.1f%n", ROUNDS,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    /** The validation's plan of the table on one side (both sides are the same here). */
    private static RowHashPlan plan(PostgresTableChecksums checksums, DbConnection db, String table) {
        try (ChecksumSession s = checksums.open(db)) {
            TableDefinition def = s.definition(TableName.of("public", table)).orElseThrow();
            return ComparisonPlanner.plan(def, def, s.traits(), s.traits(), Optional::of, null).source();
        }
    }

    /** The query on the source and the target database at once; done when both are. */
    private static long onBoth(PgServer server, DbCredentials credentials, String query) {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Long> s = two.submit(() -> scalar(server, "source", credentials, query));
            Future<Long> t = two.submit(() -> scalar(server, "target", credentials, query));
            return s.get() + t.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            two.shutdown();
        }
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

    /** Runs the statements on one connection of the database; the last one's first value. */
    private static long scalar(PgServer server, String database, DbCredentials credentials, String... statements) {
        try (Connection c = connect(server, database, credentials); Statement st = c.createStatement()) {
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
