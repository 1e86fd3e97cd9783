package io.cutover.rehearsal.migration;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.StepFunctionsEngine;
import io.cutover.rehearsal.local.LocalCloud;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-way door on real servers ({@link TwoWayDoorRehearsal}, what ./rehearse-migration
 * --two-way-door runs): a migration with afterCutover twoWayDoor (the local DMS loading and
 * streaming source -> target, the run's backward task target -> source started inside the
 * freeze), then the switchover runbook's failback (B_TO_A) started with the input the migration's
 * output carries, as a DBA would - both applications writing the whole time. At the end both
 * databases hold exactly the same rows in every table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("runbookExists")
class MigrationTwoWayDoorRehearsalTest {
    LocalCloud cloud;
    MigrationSites sites;
    TwoWayDoorRehearsal door;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    static boolean runbookExists() {
        return Files.isRegularFile(StepFunctionsEngine.locateProjectRoot().resolve(MigrationRehearsal.DEFINITION));
    }

    @BeforeAll
    void start() throws Exception {
        cloud = new LocalCloud(Duration.ofMillis(200));
        sites = MigrationSites.start(cloud, "door", 5_000, 16 * 1024);
        door = new TwoWayDoorRehearsal(cloud, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (sites != null) {
            sites.stopApplications();
            sites.close();
        }
        if (cloud != null) cloud.close();
    }

    @Test
    void migrationThroughTheTwoWayDoorThenTheFailbackWithTheApplicationsWritingEndsExact() throws Exception {
        sites.startApplications(cloud, Duration.ofMillis(10));
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committed() >= 20), "the shop writes before the run");

        TwoWayDoorRehearsal.Outcome r = door.run(sites, "door-1",
                new MigrationRehearsal.Options(null, false, false, 256, false), true);

        MigrationRehearsal.Outcome m = r.migration();
        assertTrue(m.execution().succeeded(), () -> m.execution().cause() + "\n" + printed);
        assertEquals(m.sourceAtCutover(), m.targetAtCutover(), "every table equal at the cutover");
        for (Application a : m.applications().values()) assertEquals("SITEB", a.activeSite(), a.name());
        List<String> entered = m.execution().statesEntered();
        assertTrue(entered.indexOf("CreateTwoWayDoorTask") < entered.indexOf("FreezeForCutover")
                && entered.indexOf("StartTwoWayDoorTask") < entered.indexOf("RouteToTarget"), entered.toString());
        TaskDescription backward = cloud.replication().findTaskByIdentifier("door-1-b-to-a").orElseThrow();
        assertEquals("running", backward.status());
        // Its mappings mirror the migration's: exactly the tables it moved (the sentinel and heartbeat among them).
        io.cutover.migrate.mapping.TableMapping back = io.cutover.migrate.mapping.TableMappingParser.parse(
                io.cutover.json.Json.mapper().readValue(cloud.replication().tableMappings(backward.arn()).orElseThrow(), Object.class),
                "backward task");
        List<io.cutover.migrate.TableName> moved = m.sourceAtCutover().stream()
                .map(d -> io.cutover.migrate.TableName.of(MigrationSites.SCHEMA, d.table())).sorted().toList();
        assertEquals(moved, back.selected(java.util.stream.Stream.concat(moved.stream(),
                java.util.stream.Stream.of(io.cutover.migrate.TableName.of(MigrationSites.SCHEMA, "not_moved"))).toList()));
        assertEquals("running", cloud.replication().findTaskByIdentifier("door-1-migrate").orElseThrow().status(),
                "the migration task keeps running: the failback's backward task");
        assertNotNull(r.failbackInput(), m.execution().output().toString());
        assertEquals("B_TO_A", r.failbackInput().path("direction").asText(), m.execution().output().toString());

        ExecutionResult f = r.failback();
        assertTrue(f.succeeded(), () -> f.cause() + "\n" + printed);
        assertTrue(sites.shop().committedOnTarget() > 0, "the shop wrote on the target before the failback");
        for (String app : List.of(sites.heartbeatApp, sites.shopApp)) {
            Application a = cloud.ports().appMap().get(app).orElseThrow();
            assertEquals("SITEA", a.activeSite(), app);
            assertEquals(AppStatus.OPEN, a.status(), app);
        }
        assertEquals(r.source(), r.target(), "every table equal on both databases after the migration and the failback");
        assertEquals(0, sites.shop().failedWrites(), "no write failed on either site: " + sites.shop().lastError());
        assertEquals(0, sites.heartbeat().failedWrites(), sites.heartbeat().lastError());
        System.out.println("two-way door rehearsal: " + r.source());
    }
}
