package io.cutover.rehearsal.s3;

import io.cutover.aws.S3ObjectStore;
import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.s3.S3OutputCheck;
import io.cutover.migrate.s3.S3OutputCheck.TableOutput;
import io.cutover.migrate.s3.S3OutputCheck.Verdict;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.replication.S3EndpointSpec;
import io.cutover.waiting.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 target end to end on real servers: PostgreSQL 17 as the source, the local DMS writing
 * DMS's S3 layout into S3Proxy, and the runbook's output check reading it back with the AWS SDK's
 * S3 client (the same adapter as on AWS, endpoint overridden).
 */
class LocalS3TargetTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/cutover-dms-s3-rehearsal";
    private static final String BUCKET = "orders-lake";
    private static final TableName ORDERS = TableName.of("public", "orders");
    private static final TableName LINES = TableName.of("public", "order_lines");
    private static final TableName EMPTY = TableName.of("public", "refunds");

    private static PostgresCluster cluster;
    private static LocalS3Server server;
    private static S3Client s3;

    @BeforeAll
    static void start() throws SQLException {
        cluster = PostgresCluster.builder().withoutReplica().start();
        server = LocalS3Server.start();
        s3 = server.client();
        s3.createBucket(r -> r.bucket(BUCKET));
        sql("CREATE TABLE orders (id bigint PRIMARY KEY, customer text, amount numeric(12,2), note text, paid boolean,"
                        + " created timestamptz DEFAULT now())",
                "INSERT INTO orders (id, customer, amount, note, paid) SELECT g, 'customer ' || g, g * 1.25,"
                        + " CASE WHEN g % 7 = 0 THEN E'two\\nlines, a comma and \"quotes\"' END, g % 2 = 0"
                        + " FROM generate_series(1, 2500) g",
                "CREATE TABLE order_lines (order_id bigint, line int, sku text, PRIMARY KEY (order_id, line))",
                "INSERT INTO order_lines SELECT g / 4 + 1, g % 4, 'SKU-' || g FROM generate_series(0, 599) g",
                "CREATE TABLE refunds (id int PRIMARY KEY)",
                "CREATE SCHEMA audit",
                "CREATE TABLE audit.events (id int PRIMARY KEY)",
                "INSERT INTO audit.events SELECT generate_series(1, 10)");
    }

    @AfterAll
    static void stop() {
        if (s3 != null) s3.close();
        if (server != null) server.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void theFullLoadMatchesTheSourceAtTheLoadsStartWhileWritesGoOnAndChangesCarryTheirOperation() throws Exception {
        S3EndpointSpec target = spec("dms/run-1", null);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong nextId = new AtomicLong(100_000);
        AtomicLong committed = new AtomicLong();
        Thread application = Thread.ofPlatform().start(() -> {
            try (Connection c = cluster.primary().connect(); Statement st = c.createStatement()) {
                while (writing.get()) {
                    st.execute("INSERT INTO orders (id, customer) VALUES (" + nextId.incrementAndGet() + ", 'live')");
                    committed.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // Conditions, not sleeps: a busy machine may take longer than any fixed pause to write them.
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> committed.get() >= 20), "the application writes before the load");
        LocalDmsS3Writer task = LocalDmsS3Writer.start(cluster.primary().jdbcUrl(), cluster.credentials(), mapping(), target, s3,
                new LocalDmsS3Writer.Options(1000, Duration.ofMillis(100), "s3_run_1"));
        try {
            assertTrue(task.awaitFullLoad(Duration.ofSeconds(60)), String.valueOf(task.statistics()));
            long inSnapshot = task.statistics().tables().get(ORDERS).sourceRowsAtLoadStart();
            assertTrue(Poll.until(Duration.ofSeconds(60), () -> rowsAfter(inSnapshot)), "the application writes after the snapshot");
            writing.set(false);
            application.join();

            LocalDmsS3Writer.Statistics stats = task.statistics();
            assertEquals(LocalDmsS3Writer.State.CDC, stats.state());
            assertEquals(List.of(LINES, ORDERS, EMPTY), List.copyOf(stats.tables().keySet()), "audit.events is not selected");
            long ordersAtStart = stats.tables().get(ORDERS).sourceRowsAtLoadStart();
            assertTrue(ordersAtStart > 2500, "the application's rows before the snapshot are in it: " + ordersAtStart);
            assertTrue(count("orders") > ordersAtStart, "and rows kept coming after it");

            S3OutputCheck.Report report = new S3OutputCheck(new S3ObjectStore(s3)).check(target, stats.sourceRowsAtLoadStart());
            assertTrue(report.matches(), describe(report));
            TableOutput orders = table(report, ORDERS);
            assertEquals(ordersAtStart, orders.loadRows());
            assertEquals((int) ((ordersAtStart + 999) / 1000), orders.loadFiles().size());
            assertEquals("dms/run-1/public/orders/LOAD00000001.csv", orders.loadFiles().get(0));
            assertEquals(600L, table(report, LINES).loadRows());
            assertEquals(List.of(), table(report, EMPTY).loadFiles(), "an empty table gets no folder, as with DMS");
            assertEquals(Verdict.MATCH, table(report, EMPTY).verdict());
            // The rows written after the snapshot are changes, not full-load rows: together, every row once.
            task.drain();
            long liveInserts = task.statistics().tables().get(ORDERS).inserts();
            assertEquals(count("orders"), ordersAtStart + liveInserts);

            sql("INSERT INTO orders (id, customer) VALUES (-1, 'a, \"quoted\" name'), (-2, NULL)",
                    "UPDATE orders SET paid = true, note = 'it''s paid' WHERE id IN (1, 3)",
                    "DELETE FROM orders WHERE id = 5",
                    "DELETE FROM order_lines WHERE order_id = 1 AND line = 2");
            task.drain();

            LocalDmsS3Writer.TableStatistics after = task.statistics().tables().get(ORDERS);
            assertEquals(liveInserts + 2, after.inserts());
            assertEquals(2, after.updates());
            assertEquals(1, after.deletes());
            report = new S3OutputCheck(new S3ObjectStore(s3)).check(target, stats.sourceRowsAtLoadStart());
            assertTrue(report.matches(), "changes do not change the full-load count: " + describe(report));
            assertEquals(Map.of("I", liveInserts + 2, "U", 2L, "D", 1L), table(report, ORDERS).changeRows());
            assertEquals(Map.of("D", 1L), table(report, LINES).changeRows());

            String lastChange = read(table(report, LINES).changeFiles().get(table(report, LINES).changeFiles().size() - 1));
            assertTrue(lastChange.matches("Op,changed_at,order_id,line,sku\nD,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6},1,2,\n"),
                    "a delete: Op D, the commit time, the key, the other columns empty: " + lastChange);
            String firstLoad = read(orders.loadFiles().get(0));
            assertTrue(firstLoad.startsWith("Op,changed_at,id,customer,amount,note,paid,created\nI,"), firstLoad.substring(0, 80));
            assertTrue(firstLoad.contains(",\"two\nlines, a comma and \"\"quotes\"\"\","), "RFC 4180 quoting");
        } finally {
            writing.set(false);
            task.stop();
        }
        assertEquals(LocalDmsS3Writer.State.STOPPED, task.statistics().state());
        assertEquals(0L, scalar("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 's3_run_1'"), "the slot is dropped");
    }

    @Test
    void aMissingLoadFileAndAWrongOperationAreFoundNamed() throws Exception {
        S3EndpointSpec target = spec("dms/run-2", "changes");
        LocalDmsS3Writer task = LocalDmsS3Writer.start(cluster.primary().jdbcUrl(), cluster.credentials(), mapping(), target, s3,
                new LocalDmsS3Writer.Options(200, Duration.ofMillis(100), "s3_run_2"));
        Map<TableName, Long> expected;
        try {
            assertTrue(task.awaitFullLoad(Duration.ofSeconds(60)), String.valueOf(task.statistics()));
            expected = task.statistics().sourceRowsAtLoadStart();
            sql("UPDATE order_lines SET sku = 'changed' WHERE order_id = 2 AND line = 0");
            task.drain();
        } finally {
            task.stop();
        }
        S3OutputCheck check = new S3OutputCheck(new S3ObjectStore(s3));
        TableOutput lines = table(check.check(target, expected), LINES);
        assertEquals(Verdict.MATCH, lines.verdict(), lines.describe());
        assertEquals(1, lines.changeFiles().size());
        assertTrue(lines.changeFiles().get(0).startsWith("dms/run-2/changes/public/order_lines/"), lines.changeFiles().toString());
        assertEquals(Map.of("U", 1L), lines.changeRows());

        s3.deleteObject(r -> r.bucket(BUCKET).key("dms/run-2/public/order_lines/LOAD00000002.csv"));
        s3.putObject(r -> r.bucket(BUCKET).key("dms/run-2/public/orders/LOAD00000099.csv"),
                RequestBody.fromString("Op,changed_at,id\nU,2026-12-01 00:00:00.000000,7\n"));

        S3OutputCheck.Report report = check.check(target, expected);
        assertFalse(report.matches());
        TableOutput broken = table(report, LINES);
        assertEquals(Verdict.MISMATCH, broken.verdict());
        long lineRows = expected.get(LINES); // 600, or 599 after the other test's delete
        assertEquals(List.of("full-load rows " + (lineRows - 200) + " != source rows at the load's start " + lineRows),
                broken.problems(), "the missing file's 200 rows");
        TableOutput orders = table(report, ORDERS);
        assertEquals(Verdict.MISMATCH, orders.verdict());
        assertTrue(orders.problems().contains("dms/run-2/public/orders/LOAD00000099.csv row 1: Op is 'U', a full-load row is 'I'"),
                orders.problems().toString());
    }

    private static S3EndpointSpec spec(String folder, String cdcPath) {
        return new S3EndpointSpec("run-s3", BUCKET, folder, S3EndpointSpec.DataFormat.CSV, cdcPath, false, "changed_at",
                S3EndpointSpec.EncryptionMode.SSE_S3, null, ROLE, true, null, "run");
    }

    private static io.cutover.migrate.mapping.TableMapping mapping() {
        return TableMappingParser.parse(Map.of("rules", List.of(Map.of("rule-type", "selection", "rule-id", "1",
                "rule-name", "public", "rule-action", "include",
                "object-locator", Map.of("schema-name", "public", "table-name", "%")))), "dms.tableMappings");
    }

    private static TableOutput table(S3OutputCheck.Report report, TableName table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    private static String describe(S3OutputCheck.Report report) {
        return String.join("\n", report.tables().stream().map(TableOutput::describe).toList());
    }

    private static String read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String();
    }

    private static boolean rowsAfter(long inSnapshot) {
        try {
            return count("orders") > inSnapshot + 20;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String table) throws SQLException {
        return scalar("SELECT count(*) FROM " + table);
    }

    private static long scalar(String query) throws SQLException {
        try (Connection c = cluster.primary().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = cluster.primary().connect(); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }
}
