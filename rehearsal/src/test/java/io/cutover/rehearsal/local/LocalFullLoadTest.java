package io.cutover.rehearsal.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.instance.Engine;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.replication.TableStatistic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local DMS's full-load and full-load-and-cdc tasks on two real PostgreSQL 17 servers: the
 * initial copy of the tables the mappings select, the changes made during and after it, the
 * target table preparation, table statistics and task states, stop. Each test uses its own pair of
 * databases on the two shared servers.
 */
class LocalFullLoadTest {
    static final String SCHEMA = """
            CREATE TABLE items (id bigint PRIMARY KEY, label text NOT NULL);
            CREATE TABLE documents (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text, blob bytea);
            CREATE TABLE readings (sensor int NOT NULL, value numeric NOT NULL);
            CREATE TABLE skipped (id int PRIMARY KEY);
            """;
    static PostgresCluster sourceServer;
    static PostgresCluster targetServer;
    static LocalEventBus bus;
    static LocalSecrets secrets;
    static LocalReplication dms;

    @BeforeAll
    static void servers() {
        sourceServer = PostgresCluster.builder().withoutReplica().start();
        targetServer = io.cutover.rehearsal.migration.MigrationSites.targetServer().start();
        bus = new LocalEventBus();
        secrets = new LocalSecrets();
        dms = new LocalReplication(secrets, bus);
    }

    @AfterAll
    static void stop() {
        if (bus != null) bus.close();
        if (targetServer != null) targetServer.close();
        if (sourceServer != null) sourceServer.close();
    }

    @Test
    void fullLoadAndCdcCopiesTheSelectedTablesThenStreamsEveryChangeUntilStopped() throws Exception {
        String db = "flcdc";
        String[] endpoints = databases(db);
        sql(sourceServer.primary(), db, SCHEMA,
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50000) g",
                "INSERT INTO documents (body, blob) SELECT repeat('x', 200000), decode(repeat('ab', 100000), 'hex')"
                        + " FROM generate_series(1, 5)",
                "INSERT INTO readings SELECT g % 7, g FROM generate_series(1, 300) g",
                "INSERT INTO skipped VALUES (1)");
        sql(targetServer.primary(), db, SCHEMA, "INSERT INTO items VALUES (-1, 'left over from an earlier try')");

        TaskDescription task = dms.createTask(new TaskSpec("flcdc-task", LocalReplication.INSTANCE_ARN, endpoints[0],
                endpoints[1], "full-load-and-cdc", MAPPINGS, settings("TRUNCATE_BEFORE_LOAD", true), null, "run-1"));
        await(task.arn(), t -> t.status().equals("ready"));
        dms.startTask(task.arn(), null);
        // Changes while the copy runs: the task must carry them after the copy.
        sql(sourceServer.primary(), db, "UPDATE items SET label = 'changed' WHERE id <= 100", "DELETE FROM items WHERE id > 49990",
                "INSERT INTO readings VALUES (99, 1)");
        await(task.arn(), t -> t.fullLoadProgressPercent() != null && t.fullLoadProgressPercent() == 100);
        List<TableStatistic> loaded = dms.tableStatistics(task.arn());
        assertEquals(List.of("documents", "items", "readings"), loaded.stream().map(TableStatistic::table).toList(),
                "the exclude rule keeps 'skipped' out");
        assertTrue(loaded.stream().allMatch(s -> s.state().equals("Table completed")), loaded.toString());
        assertEquals(5L, loaded.get(0).rows(), "FullLoadRows of documents");

        sql(sourceServer.primary(), db, "UPDATE items SET label = 'after load' WHERE id BETWEEN 200 AND 209",
                "DELETE FROM items WHERE id BETWEEN 300 AND 302", "INSERT INTO items VALUES (60000, 'new')",
                "INSERT INTO documents (body) VALUES ('late')", "UPDATE documents SET blob = NULL WHERE id = 1");
        awaitEqual(db, List.of("items", "documents", "readings"));
        assertEquals(0L, count(targetServer.primary(), db, "skipped"));
        assertEquals(0L, count(targetServer.primary(), db, "items WHERE id = -1"), "TRUNCATE_BEFORE_LOAD emptied the target");
        TaskDescription running = dms.describeTask(task.arn()).orElseThrow();
        assertEquals("running", running.status(), "full-load-and-cdc keeps streaming after the load");
        Map<String, TableStatistic> stats = awaitStatistics(task.arn(), s -> s.get("items").updates() >= 10
                && s.get("items").deletes() >= 3);
        assertTrue(stats.get("items").rows() >= 49_990 && stats.get("items").rows() <= 50_000, stats.get("items").toString());
        assertTrue(stats.get("items").inserts() >= 1, stats.get("items").toString());
        stats = awaitStatistics(task.arn(), s -> s.get("items").validationState().equals("Validated"));
        assertEquals("No primary key", stats.get("readings").validationState());
        // A row changed on the target behind the task's back: DMS's validation counts it failed.
        sql(targetServer.primary(), db, "UPDATE items SET label = 'drift' WHERE id = 5");
        stats = awaitStatistics(task.arn(), s -> s.get("items").validationState().equals("Mismatched records"));
        assertEquals(1L, stats.get("items").validationFailed());
        assertEquals("Validated", stats.get("documents").validationState());

        dms.stopTask(task.arn());
        await(task.arn(), t -> t.status().equals("stopped"));
        assertEquals("Stop Reason NORMAL", dms.describeTask(task.arn()).orElseThrow().stopReason());
        sql(sourceServer.primary(), db, "INSERT INTO items VALUES (70000, 'after stop')");
        Thread.sleep(1000);
        assertEquals(0L, count(targetServer.primary(), db, "items WHERE id = 70000"), "a stopped task applies nothing");
        assertEquals(List.of("REPLICATION_TASK_CREATED", "REPLICATION_TASK_STARTED", "REPLICATION_TASK_STOPPED"),
                events(task.arn()));
    }

    @Test
    void aFullLoadTaskStopsByItselfWhenEveryTableIsLoaded() throws Exception {
        String db = "fl";
        String[] endpoints = databases(db);
        sql(sourceServer.primary(), db, SCHEMA, "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g");
        sql(targetServer.primary(), db, SCHEMA);
        TaskDescription task = dms.createTask(new TaskSpec("fl-task", LocalReplication.INSTANCE_ARN, endpoints[0], endpoints[1],
                "full-load", MAPPINGS, settings("DO_NOTHING"), null, "run-2"));
        await(task.arn(), t -> t.status().equals("ready"));
        dms.startTask(task.arn(), null);
        TaskDescription done = await(task.arn(), t -> t.status().equals("stopped"));
        assertEquals("Stop Reason FULL_LOAD_ONLY_FINISHED", done.stopReason());
        assertEquals(100, done.fullLoadProgressPercent());
        assertEquals(1000L, count(targetServer.primary(), db, "items"));
        assertEquals(1000L, dms.tableStatistics(task.arn()).stream().filter(s -> s.table().equals("items")).findFirst()
                .orElseThrow().rows());
    }

    @Test
    void whatTheLocalDmsCannotDoFailsTheTaskSayingWhy() throws Exception {
        String db = "refused";
        String[] endpoints = databases(db);
        sql(sourceServer.primary(), db, SCHEMA);
        sql(targetServer.primary(), db, SCHEMA);
        TaskDescription dropAndCreate = dms.createTask(new TaskSpec("refused-default", LocalReplication.INSTANCE_ARN,
                endpoints[0], endpoints[1], "full-load-and-cdc", MAPPINGS, "{}", null, "run-3"));
        await(dropAndCreate.arn(), t -> t.status().equals("ready"));
        dms.startTask(dropAndCreate.arn(), null);
        TaskDescription failed = await(dropAndCreate.arn(), TaskDescription::isFailed);
        assertTrue(failed.lastFailureMessage().contains("DROP_AND_CREATE is not modelled"), failed.lastFailureMessage());

        String rename = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"all\",\"object-locator\":"
                + "{\"schema-name\":\"public\",\"table-name\":\"items\"},\"rule-action\":\"include\"},"
                + "{\"rule-type\":\"transformation\",\"rule-id\":\"2\",\"rule-name\":\"up\",\"rule-target\":\"table\","
                + "\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"items\"},\"rule-action\":\"convert-uppercase\"}]}";
        TaskDescription renamed = dms.createTask(new TaskSpec("refused-rename", LocalReplication.INSTANCE_ARN,
                endpoints[0], endpoints[1], "full-load-and-cdc", rename, settings("DO_NOTHING"), null, "run-3"));
        await(renamed.arn(), t -> t.status().equals("ready"));
        dms.startTask(renamed.arn(), null);
        failed = await(renamed.arn(), TaskDescription::isFailed);
        assertTrue(failed.lastFailureMessage().contains("public.items is renamed to public.ITEMS"), failed.lastFailureMessage());
        assertNull(failed.fullLoadProgressPercent());
    }

    static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"all\","
            + "\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"%\"},\"rule-action\":\"include\"},"
            + "{\"rule-type\":\"selection\",\"rule-id\":\"2\",\"rule-name\":\"not-skipped\","
            + "\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"skipped\"},\"rule-action\":\"exclude\"}]}";

    static String settings(String prepMode) {
        return settings(prepMode, false);
    }

    static String settings(String prepMode, boolean validation) {
        ObjectNode s = io.cutover.json.Json.mapper().createObjectNode();
        s.putObject("FullLoadSettings").put("TargetTablePrepMode", prepMode);
        s.putObject("ValidationSettings").put("EnableValidation", validation);
        return s.toString();
    }

    /** A database of that name on each server, with a source and a target endpoint. */
    static String[] databases(String db) throws SQLException {
        sql(sourceServer.primary(), "postgres", "CREATE DATABASE " + db);
        sql(targetServer.primary(), "postgres", "CREATE DATABASE " + db);
        PgServer s = sourceServer.primary();
        PgServer t = targetServer.primary();
        String sourceSecret = secrets.register(db + "-source", sourceServer.credentials(), s.host(), s.port());
        String targetSecret = secrets.register(db + "-target", targetServer.credentials(), t.host(), t.port());
        String source = dms.createEndpoint(new EndpointSpec(db + "-source", EndpointSpec.EndpointType.SOURCE, Engine.POSTGRES,
                s.host(), s.port(), db, sourceSecret, null, null, null));
        String target = dms.createEndpoint(new EndpointSpec(db + "-target", EndpointSpec.EndpointType.TARGET, Engine.POSTGRES,
                t.host(), t.port(), db, targetSecret, null, null, null));
        return new String[]{source, target};
    }

    static Connection connect(PgServer server, String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + db,
                server.credentials().username(), server.credentials().password());
    }

    static void sql(PgServer server, String db, String... statements) throws SQLException {
        try (Connection c = connect(server, db); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    static long count(PgServer server, String db, String tableAndWhere) throws SQLException {
        try (Connection c = connect(server, db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + tableAndWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String digest(PgServer server, String db, String table) throws SQLException {
        try (Connection c = connect(server, db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-')"
                     + " FROM " + table + " t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void awaitEqual(String db, List<String> tables) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<String> differ = new ArrayList<>();
            for (String t : tables) {
                if (!digest(sourceServer.primary(), db, t).equals(digest(targetServer.primary(), db, t))) differ.add(t);
            }
            if (differ.isEmpty()) return;
            if (System.nanoTime() > deadline) throw new AssertionError("source and target still differ in " + differ);
            Thread.sleep(200);
        }
    }

    static TaskDescription await(String arn, Predicate<TaskDescription> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            TaskDescription t = dms.describeTask(arn).orElseThrow();
            if (condition.test(t)) return t;
            if (System.nanoTime() > deadline || (t.isFailed() && !condition.test(t))) {
                throw new AssertionError("task is " + t);
            }
            Thread.sleep(100);
        }
    }

    static Map<String, TableStatistic> awaitStatistics(String arn, Predicate<Map<String, TableStatistic>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, TableStatistic> byTable = new TreeMap<>();
            dms.tableStatistics(arn).forEach(s -> byTable.put(s.table(), s));
            if (condition.test(byTable)) return byTable;
            if (System.nanoTime() > deadline) throw new AssertionError("statistics still " + byTable);
            Thread.sleep(200);
        }
    }

    static List<String> events(String arn) {
        return bus.published().stream().filter(e -> e.path("resources").path(0).asText().equals(arn))
                .map(e -> e.path("detail").path("eventType").asText()).toList();
    }
}
