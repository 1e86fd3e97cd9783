package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.failure.StepFailed;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.replication.TaskSpec;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeSiteDatabases;
import io.cutover.testing.FakeTargetPreparation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static io.cutover.migrate.run.MigrationStates.twoWayDoorMigration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cutover: its order in the state machine (gate, freeze, drain, sequences, final validation,
 * role back, route, thaw, verify, stop - every step caught by the rollback) and the use case's
 * own steps over fakes, each with its failure.
 */
class MigrationCutoverTest {
    private static final Path ASL = Path.of(System.getProperty("user.dir")).getParent().resolve("statemachines/migrate.asl.json");

    private final FakeSiteDatabases databases = new FakeSiteDatabases();
    private final FakeTargetPreparation target = new FakeTargetPreparation();
    private final FakeReplication dms = new FakeReplication();
    private final io.cutover.testing.FakeInstances rds = new io.cutover.testing.FakeInstances();
    private final io.cutover.testing.FakeRunStore runs = new io.cutover.testing.FakeRunStore();
    private final io.cutover.testing.MutableClock clock = new io.cutover.testing.MutableClock(java.time.Instant.parse("2026-12-01T04:00:00Z"));
    private final MigrationCutover cutover = new MigrationCutover(databases, target, dms,
            new TargetParameterGroup(rds, databases, runs, clock));
    private String task;

    @BeforeEach
    void aRunningTaskCarryingTheSourcesWrites() {
        task = dms.createTask(new TaskSpec("orders-migrate", "ri", "src", "tgt", "full-load-and-cdc", "{}", "{}", null,
                "run-42")).arn();
        dms.setTask(task, "running");
        databases.flow(SOURCE_HOST, TARGET_HOST, true);
    }

    @Test
    void theStateMachineRunsTheCutoverInOrderAndEveryStepFailsIntoTheRollback() throws Exception {
        JsonNode states = new ObjectMapper().readTree(Files.readString(ASL)).path("States");
        List<String> tasks = new ArrayList<>();
        String at = "CheckCdcLatency";
        while (at != null) {
            JsonNode s = states.path(at);
            if ("Task".equals(s.path("Type").asText()) && at.contains("S3")) {
                // The S3 copy beside the database: caught on its own path, never the rollback's.
                assertTrue(s.path("Catch").toString().contains("States.ALL")
                        && !s.path("Catch").toString().contains("MigrateRollback"), at + " is caught off the rollback");
            } else if ("Task".equals(s.path("Type").asText())) {
                tasks.add(at);
                assertTrue(s.path("Catch").toString().contains("\"Next\":\"MigrateRollback\"")
                        && s.path("Catch").toString().contains("States.ALL"), at + " is caught by the rollback");
            }
            // A Choice goes on where its condition holds (the gate open), never back to its wait.
            at = "Choice".equals(s.path("Type").asText()) ? s.path("Choices").get(0).path("Next").asText()
                    : s.hasNonNull("Next") ? s.path("Next").asText() : null;
        }
        // The first Choice is the two-way door's path: its backward task starts before the routing, its
        // flow is verified after the thaw, and the migration task is left running (no StopMigrationTask).
        assertEquals(List.of("CheckCdcLatency", "FreezeForCutover", "DrainMigration", "SyncTargetSequences", "FinalValidation",
                "RestoreTargetRole", "StartTwoWayDoorTask", "RouteToTarget", "ThawAfterCutover",
                "VerifyTargetWrites", "VerifyTwoWayDoorFlow", "CompleteMigration"), tasks);
        // Without it (stopTask): straight to the routing, and the task stopped after the thaw.
        assertEquals("RouteToTarget", states.path("TwoWayDoorBeforeRouting").path("Default").asText());
        assertEquals("StopMigrationTask", states.path("TwoWayDoorAfterThaw").path("Default").asText());
        assertEquals("S3TaskToStop", states.path("StopMigrationTask").path("Next").asText());
        assertEquals("$.latency.ok", states.path("LatencyGateOpen").path("Choices").get(0).path("Variable").asText(),
                "the freeze waits for the gate");
    }

    @Test
    void theDrainSendsASentinelThroughTheTaskWhileFrozen() {
        MigrationState.Drained d = cutover.drain(migration().build());

        assertEquals("run-42/drain", d.sentinelId());
        assertTrue(databases.site(SOURCE_HOST).sentinels.contains("run-42/drain"), "written on the source");
        assertTrue(databases.site(TARGET_HOST).sentinels.contains("run-42/drain"), "seen on the target");
    }

    @Test
    void aDrainWhoseSentinelNeverArrivesFailsNamingTheTask() {
        databases.flow(SOURCE_HOST, TARGET_HOST, false);

        String cause = assertThrows(StepFailed.class, () -> cutover.drain(migration()
                .input(in -> in.with("limits").put("drainWaitSeconds", 1)).build())).getMessage();

        assertEquals("drain: sentinel run-42/drain written on the source did not reach the target within 1 s; check"
                + " migration task orders-migrate", cause);
    }

    @Test
    void theApplyUsersRoleGoesBackToWhatItHadBeforeTheRun() {
        target.role = "replica";
        RoleSetting changed = new RoleSetting("dms_apply", "orders", null,
                "ALTER ROLE dms_apply IN DATABASE orders SET session_replication_role = replica");

        MigrationState.RoleRestored r = cutover.restoreRole(migration()
                .preparation(new MigrationState.Preparation(changed, List.of(), 0)).build());

        assertNull(target.role, "reset: it had nothing before");
        assertEquals("dms_apply", r.role());
        assertEquals("RESET", r.note());
    }

    @Test
    void theParameterGroupGoesBackToOriginAndTheRunWaitsUntilANewSessionShowsIt() {
        rds.put(io.cutover.testing.FakeInstances.standalone("orders-aurora-v2-1", "aurora-postgresql", "available"));
        databases.site(TARGET_HOST).replicationRole = "replica";
        databases.site(TARGET_HOST).roleSetServerWide = true;
        MigrationState.ParameterChange prepared = new MigrationState.ParameterChange("tgt-params", true, "orders-aurora-v2-1",
                null, "replica", "pending-reboot", clock.instant(), clock.instant(), "replica", true, 3);
        MigrationStates run = migration().input(in -> in.put("replicationRoleRoute", "parameterGroup"))
                .preparation(new MigrationState.Preparation(null, List.of(), 0, prepared));

        MigrationState.RoleRestored r = cutover.restoreRole(run.build());

        assertEquals("origin", rds.parameters.get("cluster:tgt-params").get("session_replication_role"),
                "the group had no value of its own: origin");
        assertEquals(List.of("origin", "pending-reboot", false), List.of(r.parameter().value(), r.parameter().applyMethod(),
                r.parameter().inEffect()));
        assertNull(target.role, "no role-level change on this route");
        MigrationState.RoleRestored rebooting = cutover.checkRestoredParameter(run.roleRestored(r).build());
        assertEquals(List.of("orders-aurora-v2-1"), rds.reboots, "the writer rebooted for the pending-reboot change");
        assertEquals("replica", rebooting.parameter().seen());
        databases.site(TARGET_HOST).replicationRole = "origin";
        assertTrue(cutover.checkRestoredParameter(run.roleRestored(rebooting).build()).parameter().inEffect());
    }

    @Test
    void aGroupThatHadAnotherValueBeforeTheRunGetsItBack() {
        MigrationState.ParameterChange prepared = new MigrationState.ParameterChange("tgt-params", false, "orders-pg",
                "local", "replica", "immediate", clock.instant(), null, "replica", true, 1);

        MigrationState.RoleRestored r = cutover.restoreRole(migration()
                .preparation(new MigrationState.Preparation(null, List.of(), 0, prepared)).build());

        assertEquals("local", rds.parameters.get("tgt-params").get("session_replication_role"));
        assertEquals("immediate", r.parameter().applyMethod());
        assertEquals(List.of(), rds.reboots);
    }

    @Test
    void aRoleTheRunDidNotChangeIsLeftAlone() {
        target.role = "replica";
        RoleSetting unchanged = new RoleSetting("dms_apply", "orders", "replica", null);

        MigrationState.RoleRestored r = cutover.restoreRole(migration()
                .preparation(new MigrationState.Preparation(unchanged, List.of(), 0)).build());

        assertEquals("replica", target.role);
        assertEquals("not changed by the run", r.note());
    }

    @Test
    void withoutARecordedRoleChangeTheStepFailsRatherThanGuess() {
        String cause = assertThrows(StepFailed.class, () -> cutover.restoreRole(migration().build())).getMessage();

        assertTrue(cause.contains("the run item records no role change"), cause);
        assertNull(target.role);
    }

    @Test
    void aWriteOnTheTargetIsReadBackAfterTheThaw() {
        MigrationState.TargetWrites w = cutover.verifyTargetWrites(migration().build());

        assertEquals("run-42/target-writes", w.sentinelId());
        assertTrue(databases.site(TARGET_HOST).sentinels.contains("run-42/target-writes"));
        assertTrue(!databases.site(SOURCE_HOST).sentinels.contains("run-42/target-writes"), "written on the target only");
    }

    @Test
    void theTaskIsStoppedOrLeftRunningForTheTwoWayDoor() {
        MigrationState.TaskStopped door = cutover.stopMigrationTask(twoWayDoorMigration()
                .build());
        assertEquals(List.of(), dms.stoppedTasks);
        assertEquals("running (left running for the two-way door)", door.status());

        MigrationState.TaskStopped stopped = cutover.stopMigrationTask(migration().build());
        assertEquals(List.of(task), dms.stoppedTasks);
        assertEquals("stopping", stopped.status());
        assertEquals(task, stopped.taskArn());
    }

    @Test
    void aMissingTaskIsNamed() {
        dms.tasks.clear();

        assertEquals("migration task orders-migrate does not exist",
                assertThrows(StepFailed.class, () -> cutover.stopMigrationTask(migration().build())).getMessage());
    }
}
