package io.cutover.rehearsal.migration;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.rehearsal.engine.StepFunctionsEngine;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.waiting.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration runbook end to end on the rehearsal: the real migrate state machine and handlers,
 * the local DMS loading and streaming between two real PostgreSQL 17 servers while both
 * applications write. One pair of servers serves every case; each case starts from an empty
 * target (schema loaded) and both applications on the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf("runbookExists")
class MigrationRehearsalTest {
    static final int LOB_KB = 256;
    static final MigrationRehearsal.Options OPTIONS = new MigrationRehearsal.Options(null, false, false, LOB_KB, false);

    LocalCloud cloud;
    MigrationSites sites;
    MigrationRehearsal rehearsal;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int runs;

    static boolean runbookExists() {
        return Files.isRegularFile(StepFunctionsEngine.locateProjectRoot().resolve(MigrationRehearsal.DEFINITION));
    }

    /** After this state the applications are on the target: a failure leaves them there, thawed (failback is the way back). */
    static final String ROUTING_STATE = "RouteToTarget";
    /**
     * A fault at every Task state costs about 30 s a run; the suite takes one state of each kind
     * (before the run item, JDBC on the target, the task, each poll loop, the last one inside the
     * freeze, after the routing), and {@code ./rehearse-migration --fail-at STEP} any other. Every
     * Task state is faulted over fakes, through the same state machine and handlers, by
     * {@link MigrationFaultStepsTest}. (DrainMigration, RestoreTargetRole and ThawAfterCutover were
     * here too; they are of the kinds FinalValidation and StopMigrationTask stand for, and the
     * suite must stay under 15 minutes.)
     */
    static final List<String> FAULT_STATES = List.of("MigrateAcquireLock", "PrepareTarget", "StartMigrationTask",
            "CheckFullLoad", "ValidateData", "CheckCdcLatency", "FinalValidation", "StopMigrationTask");

    static List<String> taskStates() {
        List<String> all = MigrationRehearsal.taskStates(StepFunctionsEngine.locateProjectRoot());
        assertTrue(all.containsAll(FAULT_STATES), "fault states are Task states of the machine: " + all);
        return FAULT_STATES;
    }

    @BeforeAll
    void start() throws Exception {
        cloud = new LocalCloud(Duration.ofMillis(200));
        sites = MigrationSites.start(cloud, "mig", 20_000, 64 * 1024);
        rehearsal = new MigrationRehearsal(cloud, new PrintStream(printed, true, StandardCharsets.UTF_8));
        // Lambda calls of one second: less the 60 s margin, every call's budget is zero, so each looping
        // step (preflight's LOB scan, RestoreHeldBack, ValidateData, FinalValidation) does one unit of work
        // a call - one table, one object - and its Choice calls it again: every run here takes several calls.
        cloud.endpoint().functionTimeout(Duration.ofSeconds(1));
    }

    @AfterAll
    void stop() {
        if (sites != null) sites.close();
        if (cloud != null) cloud.close();
    }

    @BeforeEach
    void applicationsWriting() throws Exception {
        sites.reset(cloud);
        sites.startApplications(cloud, Duration.ofMillis(10));
        Thread.sleep(300);
    }

    @AfterEach
    void applicationsStopped() {
        sites.stopApplications();
    }

    private MigrationRehearsal.Outcome run(String failAt, boolean drift, boolean lob) throws Exception {
        return run(failAt, drift, lob, false);
    }

    private MigrationRehearsal.Outcome run(String failAt, boolean drift, boolean lob, boolean s3) throws Exception {
        return rehearsal.run(sites, "mig-" + (++runs), new MigrationRehearsal.Options(failAt, drift, lob, LOB_KB, false, s3));
    }

    @Test
    @Order(1)
    void migratesWithWritesNeverStoppingEveryTableEqualAtTheCutoverSequencesAheadByTheBuffer() throws Exception {
        // With the S3 copy beside the database (issue #12's must-show): PostgreSQL to PostgreSQL and S3 in one run.
        MigrationRehearsal.Outcome r = run(null, false, false, true);
        assertTrue(r.execution().succeeded(), () -> r.execution().cause() + "\n" + printed);
        assertEquals(MigrationSites.TABLES, r.sourceAtCutover().stream().map(MigrationSites.TableDigest::table).toList());
        assertEquals(r.sourceAtCutover(), r.targetAtCutover(), "every table equal at the cutover");
        assertTrue(r.sourceAtCutover().stream().allMatch(d -> d.rows() > 0), r.sourceAtCutover().toString());
        assertEquals("replica (database user)", r.applyRoleDuringLoad(), "the role route: the apply user's own setting");
        assertTrue(r.sourceUnchangedSince(), "nothing wrote to the source after the cutover");
        for (Application a : r.applications().values()) {
            assertEquals("SITEB", a.activeSite(), a.name());
            assertEquals(AppStatus.OPEN, a.status(), a.name());
        }
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.shop().committedOnTarget() > 0),
                "the shop writes on the target after the cutover");
        assertEquals(0, sites.shop().failedWrites(), "no write failed (the target's sequences are ahead): " + sites.shop().lastError());
        assertEquals(0, sites.heartbeat().failedWrites(), sites.heartbeat().lastError());
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        assertTrue(MigrationCommand.sequencesAhead(cloud, sites, new PrintStream(seq, true, StandardCharsets.UTF_8)),
                seq.toString(StandardCharsets.UTF_8));
        assertTrue(r.progress().stream().anyMatch(l -> l.contains("100%")), "progress bar: " + r.progress());
        assertFalse(sites.applyUserSettings().contains("session_replication_role=replica"), "role back to origin");
        assertS3CopyMatchedAndStopped(r);
        for (String loop : List.of("PreflightComplete", "HeldBackRestored", "ValidationComplete", "FinalValidationComplete")) {
            long calls = r.execution().statesEntered().stream().filter(loop::equals).count();
            assertTrue(calls >= 2, loop + " entered " + calls + " times: the step took several calls");
        }
    }

    /**
     * The S3 copy: the run's own check said MATCH for every table, the task was stopped before the
     * run completed, and - independently of the run - the files in S3 (read back with the AWS SDK
     * through the product's S3 adapter) hold exactly the rows each table had in the local DMS's
     * load snapshot, for every table the database copy moved.
     */
    private void assertS3CopyMatchedAndStopped(MigrationRehearsal.Outcome r) {
        java.util.Map<String, String> resources = r.run().resources();
        assertTrue(resources.getOrDefault("s3Output", "").startsWith("MATCH "), resources.toString());
        assertEquals("STOPPED", resources.get("s3Copy"), resources.toString());
        var task = cloud.replication().findTaskByIdentifier(MigrationRehearsal.s3TaskIdentifier(r.runId())).orElseThrow();
        assertEquals("stopped", task.status());
        var writer = cloud.replication().s3Writer(task.arn()).orElseThrow().statistics();
        assertTrue(writer.sourceRowsAtLoadStart().keySet().stream().map(io.cutover.migrate.TableName::table).toList()
                .containsAll(MigrationSites.TABLES), writer.toString());
        assertTrue(writer.sourceRowsAtLoadStart().values().stream().mapToLong(Long::longValue).sum() > 20_000, writer.toString());
        var endpoint = io.cutover.input.MigrateInputParser.parse(MigrationRehearsal.input(sites, r.runId(),
                new MigrationRehearsal.Options(null, false, false, LOB_KB, false, true))).s3Target().endpoint();
        var report = new io.cutover.migrate.s3.S3OutputCheck(new io.cutover.aws.S3ObjectStore(cloud.s3().client()))
                .check(endpoint, writer.sourceRowsAtLoadStart());
        assertTrue(report.matches(), report.tables().toString());
        assertTrue(report.tables().stream().anyMatch(t -> !t.changeFiles().isEmpty()), "CDC reached S3: " + report.tables());
    }

    /**
     * replicationRoleRoute parameterGroup on real servers: the local RDS applies the target's DB
     * parameter group with ALTER SYSTEM and a reload, so a new session of the DMS apply login shows
     * replica once the full load is done (no role-level setting made), and origin after the cutover;
     * the migration itself ends as the role route's does.
     */
    @Test
    @Order(1)
    void throughTheTargetsParameterGroupTheApplyLoginRunsWithReplicaDuringTheLoadAndOriginAfter() throws Exception {
        MigrationRehearsal.Outcome r = rehearsal.run(sites, "mig-" + (++runs),
                new MigrationRehearsal.Options(null, false, false, LOB_KB, false, false, true));

        assertTrue(r.execution().succeeded(), () -> r.execution().cause() + "\n" + printed);
        assertEquals("replica (configuration file)", r.applyRoleDuringLoad(),
                "DMS's apply login after the full load, from the server's configuration (the group), not a role setting");
        assertEquals("origin (configuration file)", r.applyRoleAfter(), "after the cutover");
        assertFalse(sites.applyUserSettings().contains("session_replication_role=replica"), "no role-level setting on this route");
        assertEquals(r.sourceAtCutover(), r.targetAtCutover(), "every table equal at the cutover");
        assertTrue(r.execution().statesEntered().containsAll(List.of("CheckTargetParameter", "CheckTargetParameterRestored")),
                r.execution().statesEntered().toString());
        java.util.Map<String, String> resources = r.run().resources();
        assertEquals(sites.targetId + "-params", resources.get("targetParameterGroup"), resources.toString());
        assertEquals("-", resources.get("targetParameterPrevious"), "the group had no value of its own");
        for (Application a : r.applications().values()) assertEquals("SITEB", a.activeSite(), a.name());
        assertEquals(0, sites.shop().failedWrites(), sites.shop().lastError());
    }

    @Test
    @Order(2)
    void aTargetRowChangedBehindDmsBackIsFoundWithItsKeyAndTheRunEndsSafe() throws Exception {
        // With an S3 copy whose task fails to start: caught and recorded, the run goes on to find the drift,
        // and the rollback removes the S3 task and endpoint the run created.
        MigrationRehearsal.Outcome r = run(S3_FAULT_STATE, true, false, true);
        assertFalse(r.execution().succeeded());
        String cause = r.run().cause();
        assertTrue(cause.contains(MigrationRehearsal.DRIFT_TABLE) && cause.contains(String.valueOf(MigrationRehearsal.DRIFT_KEY)),
                cause);
        assertTrue(r.execution().statesEntered().stream().filter("ValidationComplete"::equals).count() >= 2,
                "found across several ValidateData calls: " + r.execution().statesEntered());
        assertSafe(r);
        assertTrue(r.run().history().stream().anyMatch(e -> e.step().equals("S3CopyFailed")), r.run().history().toString());
        assertEquals("REMOVED", r.run().resources().get("s3Copy"), r.run().resources().toString());
        assertTrue(cloud.replication().findTaskByIdentifier(MigrationRehearsal.s3TaskIdentifier(r.runId())).isEmpty(),
                "the S3 task was deleted");
        assertTrue(cloud.replication().findEndpointByIdentifier(MigrationRehearsal.s3TaskIdentifier(r.runId())).isEmpty(),
                "the S3 endpoint was deleted");
    }

    /**
     * An S3 copy step before the database's validation (the output check runs after the cutover, which
     * the drift never reaches): its fault must neither end nor roll back the run.
     */
    static final String S3_FAULT_STATE = "StartS3Task";

    @Test
    @Order(3)
    void aLobOverLobMaxSizeIsNamedByPreflightAndNothingIsTouched() throws Exception {
        try {
            MigrationRehearsal.Outcome r = run(null, false, true);
            assertFalse(r.execution().succeeded());
            String cause = r.run() == null ? r.execution().cause() : r.run().cause();
            assertTrue(cause.contains("documents") && cause.contains("body"), cause);
            assertTrue(cloud.replication().findTaskByIdentifier(MigrationRehearsal.taskIdentifier(r.runId())).isEmpty(),
                    "no task was created");
            assertSafe(r);
        } finally {
            try (Connection c = sites.source.primary().connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM documents WHERE id = 1000");
            }
        }
    }

    @ParameterizedTest(name = "fault at {0}")
    @MethodSource("taskStates")
    @Order(4)
    void aFaultAtEveryStepEndsInTheSafeState(String state) throws Exception {
        MigrationRehearsal.Outcome r = run(state, false, false);
        assertFalse(r.execution().succeeded(), state);
        List<String> states = MigrationRehearsal.taskStates(StepFunctionsEngine.locateProjectRoot());
        if (states.indexOf(state) > states.indexOf(ROUTING_STATE)) assertSafeOnTheTarget(r);
        else assertSafe(r);
    }

    /** Routed already: the applications stay on the target, open, and the cause names the failback. */
    private void assertSafeOnTheTarget(MigrationRehearsal.Outcome r) {
        for (Application a : r.applications().values()) {
            assertEquals("SITEB", a.activeSite(), a.name());
            assertEquals(AppStatus.OPEN, a.status(), a.name());
        }
        assertTrue(r.run().cause().contains("failback"), r.run().cause());
        assertTrue(cloud.ports().runs().lockHolder(MigrationRehearsal.lockId(sites, r.runId(), OPTIONS)).map(h -> !h.equals(r.runId())).orElse(true),
                "lock released");
    }

    /** Applications open on the source and writing, the target's apply user back to what it had, the lock released. */
    private void assertSafe(MigrationRehearsal.Outcome r) throws Exception {
        for (Application a : r.applications().values()) {
            assertEquals("SITEA", a.activeSite(), a.name());
            assertEquals(AppStatus.OPEN, a.status(), a.name());
        }
        assertFalse(sites.applyUserSettings().contains("session_replication_role=replica"), "role restored");
        assertTrue(cloud.ports().runs().lockHolder(MigrationRehearsal.lockId(sites, r.runId(), OPTIONS)).map(h -> !h.equals(r.runId())).orElse(true),
                "lock released");
        long before = sites.heartbeat().committed().size();
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> sites.heartbeat().committed().size() > before),
                "the heartbeat writes on");
        assertEquals(0, sites.heartbeat().failedWrites(), sites.heartbeat().lastError());
    }
}
