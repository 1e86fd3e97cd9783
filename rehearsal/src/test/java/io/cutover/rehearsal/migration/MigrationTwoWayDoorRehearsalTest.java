package io.cutover.rehearsal.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.StepFunctionsEngine;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.twoway.SwitchoverRehearsal;
import io.cutover.replication.TaskDescription;
import io.cutover.waiting.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-way door on real servers: a migration with afterCutover twoWayDoor (the local DMS
 * loading and streaming source -> target, the run's backward task target -> source started inside
 * the freeze), then the switchover runbook's failback (B_TO_A) started with the input the
 * migration's output carries, as a DBA would - both applications writing the whole time. At the
 * end both databases hold exactly the same rows in every table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("runbookExists")
class MigrationTwoWayDoorRehearsalTest {
    LocalCloud cloud;
    MigrationSites sites;
    MigrationRehearsal migration;
    SwitchoverRehearsal switchover;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    static boolean runbookExists() {
        return Files.isRegularFile(StepFunctionsEngine.locateProjectRoot().resolve(MigrationRehearsal.DEFINITION));
    }

    @BeforeAll
    void start() throws Exception {
        cloud = new LocalCloud(Duration.ofMillis(200));
        sites = MigrationSites.start(cloud, "door", 5_000, 16 * 1024);
        sites.registerTwoWayDoor(cloud);
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        migration = new MigrationRehearsal(cloud, out);
        switchover = new SwitchoverRehearsal(cloud, out);
    }

    @AfterAll
    void stop() {
        if (sites != null) {
            sites.stopApplications();
            sites.close();
        }
        if (cloud != null) cloud.close();
    }

    /** The local DMS's subscriptions on a server and their apply errors: what to look at when a flow stops. */
    static String subscriptions(io.cutover.rehearsal.pg.PgServer server) {
        StringBuilder b = new StringBuilder();
        try (java.sql.Connection c = server.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT s.subname, s.subenabled, s.suborigin, coalesce(t.apply_error_count, 0),"
                     + " coalesce(t.sync_error_count, 0) FROM pg_subscription s LEFT JOIN pg_stat_subscription_stats t"
                     + " ON t.subid = s.oid")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append(" enabled=").append(rs.getBoolean(2)).append(" origin=").append(rs.getString(3))
                        .append(" applyErrors=").append(rs.getLong(4)).append(" syncErrors=").append(rs.getLong(5)).append("; ");
            }
        } catch (java.sql.SQLException e) {
            b.append(e.getMessage());
        }
        return b.toString();
    }

    @Test
    void migrationThroughTheTwoWayDoorThenTheFailbackWithTheApplicationsWritingEndsExact() throws Exception {
        sites.startApplications(cloud, Duration.ofMillis(10));
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committed() >= 20), "the shop writes before the run");

        MigrationRehearsal.Outcome m = migration.run(sites, "door-1",
                new MigrationRehearsal.Options(null, false, false, 256, false, false, false, true));

        assertTrue(m.execution().succeeded(), () -> m.execution().cause() + "\n" + printed);
        assertEquals(m.sourceAtCutover(), m.targetAtCutover(), "every table equal at the cutover");
        for (Application a : m.applications().values()) assertEquals("SITEB", a.activeSite(), a.name());
        List<String> entered = m.execution().statesEntered();
        assertTrue(entered.indexOf("CreateTwoWayDoorTask") < entered.indexOf("FreezeForCutover")
                && entered.indexOf("StartTwoWayDoorTask") < entered.indexOf("RouteToTarget"), entered.toString());
        TaskDescription backward = cloud.replication().findTaskByIdentifier("door-1-b-to-a").orElseThrow();
        assertEquals("running", backward.status());
        assertEquals("running", cloud.replication().findTaskByIdentifier("door-1-migrate").orElseThrow().status(),
                "the migration task keeps running: the failback's backward task");
        JsonNode failback = m.execution().output().path("result").path("failbackInput");
        assertEquals("B_TO_A", failback.path("direction").asText(), m.execution().output().toString());

        // The applications write on the target; the backward task carries it to the source.
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committedOnTarget() >= 20),
                "the shop wrote on the target: " + sites.shop().committedOnTarget());

        ExecutionResult f = switchover.run("door-1-failback", (ObjectNode) failback, null, ExecutionListener.NONE);

        assertTrue(f.succeeded(), () -> f.cause() + "\nsource: " + subscriptions(sites.source.primary()) + "\ntarget: "
                + subscriptions(sites.target.primary()) + "\n" + printed);
        for (String app : List.of(sites.heartbeatApp, sites.shopApp)) {
            Application a = cloud.ports().appMap().get(app).orElseThrow();
            assertEquals("SITEA", a.activeSite(), app);
            assertEquals(AppStatus.OPEN, a.status(), app);
        }
        // Back on the source; the migration task carries their writes to the target.
        long committedAtFailback = sites.shop().committed();
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committed() >= committedAtFailback + 20),
                "the shop writes on the source after the failback");
        sites.stopApplications();
        List<MigrationSites.TableDigest> source = MigrationSites.digest(sites.source.primary());
        List<MigrationSites.TableDigest> target = MigrationRehearsal.awaitEqual(sites.target.primary(), source,
                Duration.ofSeconds(30));
        assertEquals(source, target, "every table equal on both databases after the migration and the failback");
        assertEquals(0, sites.shop().failedWrites(), "no write failed on either site: " + sites.shop().lastError());
        assertEquals(0, sites.heartbeat().failedWrites(), sites.heartbeat().lastError());
        System.out.println("two-way door rehearsal: " + source);
    }
}
