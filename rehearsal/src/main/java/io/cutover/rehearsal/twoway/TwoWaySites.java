package io.cutover.rehearsal.twoway;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.heartbeat.HeartbeatSchema;
import io.cutover.input.Direction;
import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.probe.SourceProbe;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.rehearsal.pg.PostgresCluster;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.switchover.SentinelTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two sites of a two-way pair on this machine, set up as a DBA would before the first
 * switchover: two independent PostgreSQL 17 servers with the same schema (heartbeat table and
 * sequences, sentinel table), SITEB left with {@code session_replication_role = replica} as after
 * a DMS full load, DMS endpoints for both sites, the forward task A -> B running with loopback
 * prevention, and appmap entries on SITEA.
 */
public final class TwoWaySites implements AutoCloseable {
    public static final String SCHEMA = "public";
    public static final String SENTINEL_TABLE = "cutover_sentinel";
    /** The decoder of the sites' slots: one DMS reads. */
    static final String PLUGIN = "test_decoding";
    static final String LOOPBACK_SETTINGS = "{\"TargetMetadata\":{\"BatchApplyEnabled\":false},"
            + "\"LoopbackPreventionSettings\":{\"EnableLoopbackPrevention\":true,\"SourceSchema\":\"public\","
            + "\"TargetSchema\":\"public\"}}";

    public final String name;
    public final List<String> applications;
    public final PostgresCluster siteA;
    public final PostgresCluster siteB;
    String secretA;
    String secretB;
    final Map<String, String> endpoints = new java.util.HashMap<>();
    String forwardTaskArn;

    private TwoWaySites(String name, List<String> applications) {
        this.name = name;
        this.applications = List.copyOf(applications);
        PostgresCluster a = PostgresCluster.builder().withoutReplica().start();
        try {
            this.siteB = PostgresCluster.builder().withoutReplica().start();
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        this.siteA = a;
    }

    /** @param name lower-case letters, digits and hyphens: names slots, tasks and applications */
    public static TwoWaySites start(LocalCloud cloud, String name, List<String> applications) {
        TwoWaySites sites = new TwoWaySites(name, applications);
        try {
            sites.schema();
            sites.register(cloud);
            sites.startForwardTask(cloud);
            return sites;
        } catch (Exception | Error e) {
            sites.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    public PgServer server(String site) {
        return (Direction.SITE_A.equals(site) ? siteA : siteB).primary();
    }

    public String secretArn(String site) {
        return Direction.SITE_A.equals(site) ? secretA : secretB;
    }

    public String taskIdentifier(Direction d) {
        return name + (d == Direction.A_TO_B ? "-a-to-b" : "-b-to-a");
    }

    public String slotName(String site) {
        return "cutover_" + name.replace('-', '_') + "_" + site.substring(4).toLowerCase();
    }

    String endpoint(String site, EndpointSpec.EndpointType type) {
        return endpoints.get(site + "/" + type);
    }

    public DbConnection connection(String site) {
        return server(site).dbConnection(secretArn(site));
    }

    private void schema() throws SQLException {
        for (PostgresCluster c : List.of(siteA, siteB)) {
            try (Connection conn = c.primary().connect(); Statement st = conn.createStatement()) {
                HeartbeatSchema.install(conn);
                st.execute(SentinelTable.ddl(Engine.POSTGRES, SCHEMA, SENTINEL_TABLE));
            }
        }
    }

    private void register(LocalCloud cloud) {
        secretA = cloud.secrets().register(name + "-sitea-admin", siteA.credentials(), siteA.primary().host(),
                siteA.primary().port());
        secretB = cloud.secrets().register(name + "-siteb-admin", siteB.credentials(), siteB.primary().host(),
                siteB.primary().port());
        // As cutover's target preparation for a full load leaves SITEB (CHAP_Target.PostgreSQL: no
        // triggers or foreign key checks for the apply login): the switchover resets it to origin
        // before applications write there, and only what cutover set.
        cloud.switchoverPorts().sites().forEngine(Engine.POSTGRES)
                .holdReplicaRole(connection(Direction.SITE_B), siteB.credentials().username(), name + "-full-load");
        LocalReplication dms = cloud.replication();
        for (String site : List.of(Direction.SITE_A, Direction.SITE_B)) {
            PgServer s = server(site);
            String slot = slotName(site);
            endpoints.put(site + "/" + EndpointSpec.EndpointType.SOURCE, dms.registerSourceEndpoint(
                    name + "-" + site.toLowerCase() + "-source", s.host(), s.port(), s.database(), secretArn(site), slot, PLUGIN,
                    slot));
            endpoints.put(site + "/" + EndpointSpec.EndpointType.TARGET, dms.createEndpoint(new EndpointSpec(
                    name + "-" + site.toLowerCase() + "-target", EndpointSpec.EndpointType.TARGET, Engine.POSTGRES,
                    s.host(), s.port(), s.database(), secretArn(site), null, null, null)));
            dms.testConnection(LocalReplication.INSTANCE_ARN, endpoint(site, EndpointSpec.EndpointType.TARGET));
        }
        PgServer a = server(Direction.SITE_A);
        PgServer b = server(Direction.SITE_B);
        for (String app : applications) {
            cloud.ports().appMap().put(new Application(app, Map.of(
                    "SITEA", new Site("SITEA", Engine.POSTGRES, a.host(), a.port(), a.database(), secretA),
                    "SITEB", new Site("SITEB", Engine.POSTGRES, b.host(), b.port(), b.database(), secretB)),
                    "SITEA", AppStatus.OPEN, null, 0));
        }
    }

    /** The DBA's forward task: slot and publication on SITEA, CDC from SITEA's position, loopback prevention on. */
    private void startForwardTask(LocalCloud cloud) {
        DbConnection a = connection(Direction.SITE_A);
        SourceProbe probe = cloud.ports().probes().forEngine(Engine.POSTGRES);
        probe.prepareLogicalSlot(a, slotName(Direction.SITE_A), slotName(Direction.SITE_A), PLUGIN);
        String position = probe.currentPosition(a).value();
        LocalReplication dms = cloud.replication();
        TaskDescription task = dms.createTask(new TaskSpec(taskIdentifier(Direction.A_TO_B), LocalReplication.INSTANCE_ARN,
                endpoint(Direction.SITE_A, EndpointSpec.EndpointType.SOURCE),
                endpoint(Direction.SITE_B, EndpointSpec.EndpointType.TARGET), "cdc", "{\"rules\":[]}", LOOPBACK_SETTINGS,
                position, null));
        forwardTaskArn = task.arn();
        await(dms, task.arn(), "ready");
        dms.startTask(task.arn(), position);
        await(dms, task.arn(), "running");
    }

    private static void await(LocalReplication dms, String arn, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            TaskDescription t = dms.describeTask(arn).orElseThrow();
            if (status.equals(t.status())) return;
            if (t.isFailed()) throw new IllegalStateException("forward task failed: " + t.lastFailureMessage());
            if (System.nanoTime() > deadline) throw new IllegalStateException("forward task still " + t.status());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (PostgresCluster c : new PostgresCluster[]{siteB, siteA}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) throw failures.get(0);
    }
}
