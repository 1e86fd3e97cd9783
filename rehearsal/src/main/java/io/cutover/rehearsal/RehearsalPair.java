package io.cutover.rehearsal;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.heartbeat.HeartbeatApplication;
import io.cutover.heartbeat.HeartbeatSchema;
import io.cutover.instance.Engine;
import io.cutover.promote.ResourceNames;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One source/replica pair of the rehearsal: a real PostgreSQL primary with a streaming replica,
 * seeded with a small orders schema and the heartbeat application's schema, registered in the
 * local cloud as RDS instances, a DMS source endpoint naming the run's slot, secrets, and an appmap
 * entry for its heartbeat application.
 */
public final class RehearsalPair implements AutoCloseable {
    static final List<String> TABLES = List.of("customers", "orders", HeartbeatSchema.TABLE);

    final String runId;
    final String sourceId;
    final String replicaId;
    final String application;
    final PostgresCluster cluster;
    String sourceSecretArn;
    String replicaSecretArn;
    String sourceEndpointArn;
    HeartbeatApplication app;

    /** The decoder of the run's slot: one DMS reads (dms.postgresPlugin of the start input). */
    static final String PLUGIN = "test_decoding";

    RehearsalPair(String runId) {
        this.runId = runId;
        // Names unique per run: one local cloud serves many runs (a fleet, a test class).
        this.sourceId = runId + "-source";
        this.replicaId = runId + "-replica";
        this.application = runId + "-app";
        // Server logs in files (data directory log/), so the status can show their latest lines over SQL.
        this.cluster = PostgresCluster.builder().setting("logging_collector", "on").start();
    }

    void seed() throws SQLException {
        try (Connection c = cluster.primary().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 20) g");
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,"
                    + " amount numeric(10,2) NOT NULL, written_by text NOT NULL, site text NOT NULL,"
                    + " written_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            s.execute("INSERT INTO orders (customer_id, amount, written_by, site)"
                    + " SELECT 1 + g % 20, g * 1.25, 'seed', 'SITEA' FROM generate_series(1, 200) g");
            HeartbeatSchema.install(c);
        }
        cluster.waitReplicaCaughtUp(Duration.ofSeconds(30));
    }

    void register(LocalCloud cloud) {
        PgServer primary = cluster.primary();
        PgServer replica = cluster.replica();
        sourceSecretArn = cloud.secrets().register(sourceId + "-admin", cluster.credentials(), primary.host(), primary.port());
        replicaSecretArn = cloud.secrets().register(replicaId + "-admin", cluster.credentials(), replica.host(), replica.port());
        cloud.instances().add(sourceId, primary, null);
        cloud.instances().add(replicaId, replica, sourceId);
        // As a DBA would before the run: the DMS source endpoint names the slot the run creates.
        sourceEndpointArn = cloud.replication().registerSourceEndpoint(sourceId + "-source", primary.host(),
                primary.port(), primary.database(), sourceSecretArn, ResourceNames.slotName(runId), PLUGIN,
                ResourceNames.publicationName(runId));
        cloud.ports().appMap().put(new Application(application, Map.of(
                "SITEA", new Site("SITEA", Engine.POSTGRES, primary.host(), primary.port(), primary.database(), sourceSecretArn),
                "SITEB", new Site("SITEB", Engine.POSTGRES, replica.host(), replica.port(), replica.database(), replicaSecretArn)),
                "SITEA", AppStatus.OPEN, null, 0));
    }

    void startApplication(LocalCloud cloud, Duration pace) {
        app = new HeartbeatApplication(application, cloud.ports().appMap(), cloud.secrets(), pace, null).start();
    }

    /** Row count and checksum of each table on a server (ordered by primary key). */
    static List<TableDigest> digest(PgServer server) throws SQLException {
        List<TableDigest> out = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '-')"
                        + " FROM " + table + " t")) {
                    rs.next();
                    out.add(new TableDigest(table, rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    record TableDigest(String table, long rows, String md5) {
    }

    @Override
    public void close() {
        if (app != null) app.close();
        cluster.close();
    }
}
