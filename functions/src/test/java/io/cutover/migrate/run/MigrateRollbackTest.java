package io.cutover.migrate.run;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.instance.Engine;
import io.cutover.migrate.preparation.RoleSetting;
import io.cutover.run.RunStatus;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RouteApplications;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;
import io.cutover.testing.FakeAppMap;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.FakeTargetPreparation;
import io.cutover.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cutover.migrate.run.MigrationStates.migration;
import static io.cutover.migrate.run.PrepareTargetTest.LINES_FK;
import static io.cutover.migrate.run.PrepareTargetTest.ORDERS_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateRollbackTest {
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf";
    private final FakeAppMap appMap = new FakeAppMap();
    private final FakeRunStore runs = new FakeRunStore();
    private final FakeTargetPreparation target = new FakeTargetPreparation().add(ORDERS_INDEX).add(LINES_FK);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));
    private final io.cutover.testing.FakeInstances rds = new io.cutover.testing.FakeInstances();
    private final io.cutover.testing.FakeSiteDatabases sites = new io.cutover.testing.FakeSiteDatabases();
    private final MigrateRollback rollback = new MigrateRollback(new RouteApplications(appMap, runs, clock),
            new ThawApplications(appMap, runs, clock), target, new RestoreHeldBack(target, runs), new RunRollback(runs),
            new TargetParameterGroup(rds, sites, runs, clock));

    @BeforeEach
    void frozenApplicationsAndAPreparedTarget() {
        MigrationStates.createRun(runs);
        runs.acquireLock("target:cluster:orders-aurora-v2", "run-42");
        for (String app : List.of("orders-api", "billing-worker")) {
            appMap.put(new Application(app, Map.of("SITEA", site("SITEA"), "SITEB", site("SITEB")), "SITEA",
                    AppStatus.FROZEN, "run-42", 0));
        }
        target.present.clear(); // held back for the load
        target.role = "replica";
        runs.recordResource("run-42", "migrationTaskArn", "arn:aws:dms:eu-west-1:123456789012:task:T1");
        runs.recordResource("run-42", SourceSnapshot.SNAPSHOT, "cutover-run-42-source");
        runs.recordStep("run-42", new io.cutover.run.StepEvent("DrainToTarget", io.cutover.run.StepEvent.Outcome.STARTED,
                clock.instant(), null));
    }

    @Test
    void beforeRoutingTheApplicationsAreOpenOnTheSourceAndTheTargetIsAsItWasNothingDeleted() {
        RoleSetting role = new RoleSetting("dms_apply", "orders", null, "ALTER ROLE dms_apply ...");
        MigrationState state = migration().preparation(new MigrationState.Preparation(role, List.of(ORDERS_INDEX, LINES_FK), 2))
                .error("io.cutover.failure.StepFailed", "{\"errorMessage\":\"drain: the sentinel did not arrive\"}").build();

        RolledBack r = rollback.rollBack(state);

        for (String app : List.of("orders-api", "billing-worker")) {
            Application a = appMap.get(app).orElseThrow();
            assertEquals(AppStatus.OPEN, a.status());
            assertEquals("SITEA", a.activeSite());
        }
        assertNull(target.role, "the apply user's role as it was before the run");
        assertEquals(List.of("create orders_customer_idx", "create lines_order_fk"), target.changes);
        assertTrue(r.cause().contains("Applications on the source (SITEA)"), r.cause());
        assertTrue(r.cause().contains("session_replication_role of dms_apply restored; 2 held-back object(s) recreated"),
                r.cause());
        assertTrue(r.cause().contains("Left in place (rollback deletes and stops nothing): migrationTaskArn="
                + "arn:aws:dms:eu-west-1:123456789012:task:T1, sourceSnapshot=cutover-run-42-source"), r.cause());
        assertEquals(RunStatus.ROLLED_BACK, runs.run("run-42").orElseThrow().status());
        assertTrue(runs.lockHolder("target:cluster:orders-aurora-v2").isEmpty(), "lock released");
    }

    @Test
    void aRoleSetByAStepThatFailedBeforeReturningIsRestoredFromTheRunItem() {
        runs.recordResource("run-42", PrepareTarget.ROLE_PREVIOUS, "origin");

        RolledBack r = rollback.rollBack(migration().error("io.cutover.failure.StepFailed", "{}").build());

        assertEquals("origin", target.role);
        assertTrue(r.cause().contains("session_replication_role of dms_apply restored"), r.cause());
    }

    @Test
    void theParameterGroupIsSetBackAndAClusterWriterRebootedAndTheCauseSaysSo() {
        target.role = null;
        rds.put(io.cutover.testing.FakeInstances.standalone("orders-aurora-v2-1", "aurora-postgresql", "available"));
        MigrationState.ParameterChange prepared = new MigrationState.ParameterChange("tgt-params", true, "orders-aurora-v2-1",
                null, "replica", "pending-reboot", clock.instant(), null, null, false, 1);
        MigrationState state = migration().preparation(new MigrationState.Preparation(null, List.of(), 0, prepared))
                .error("io.cutover.failure.StepFailed", "{}").build();

        RolledBack r = rollback.rollBack(state);

        assertEquals("origin", rds.parameters.get("cluster:tgt-params").get("session_replication_role"));
        assertEquals(List.of("orders-aurora-v2-1"), rds.reboots);
        assertNull(target.role, "the role route's undo is not run");
        assertTrue(r.cause().contains("On the target: parameter group tgt-params: session_replication_role set back to origin"
                + " (pending-reboot, orders-aurora-v2-1 rebooted to apply it; not waited for: SHOW session_replication_role"
                + " in a new session on the target)"), r.cause());
    }

    @Test
    void aParameterGroupChangedByAStepThatFailedBeforeReturningIsSetBackFromTheRunItem() {
        target.role = null;
        runs.recordResource("run-42", TargetParameterGroup.GROUP, "tgt-params");
        runs.recordResource("run-42", TargetParameterGroup.PREVIOUS, "local");

        RolledBack r = rollback.rollBack(migration().error("io.cutover.failure.StepFailed", "{}").build());

        assertEquals("local", rds.parameters.get("tgt-params").get("session_replication_role"), "its value before the run");
        assertEquals(List.of(), rds.reboots, "a DB parameter group's change is immediate");
        assertTrue(r.cause().contains("parameter group tgt-params: session_replication_role set back to local (immediate;"),
                r.cause());
    }

    @Test
    void afterRoutingTheApplicationsStayOnTheTargetOpenAndTheFailbackIsNamed() {
        runs.recordResource("run-42", RouteApplications.ROUTED_AT, clock.instant().toString());
        for (String app : List.of("orders-api", "billing-worker")) {
            appMap.put(appMap.get(app).orElseThrow().routedTo("SITEB"));
        }

        RolledBack r = rollback.rollBack(migration().error("io.cutover.failure.StepFailed", "{}").build());

        assertEquals("SITEB", appMap.get("orders-api").orElseThrow().activeSite());
        assertEquals(AppStatus.OPEN, appMap.get("orders-api").orElseThrow().status());
        assertEquals("replica", target.role, "the target is left as the cutover made it");
        assertTrue(r.cause().contains("stay there, thawed: orders-api, billing-worker; to go back, run the switchover"
                + " runbook's failback (B_TO_A)"), r.cause());
    }

    @Test
    void twoWayDoorBeforeRoutingTheStartedBackwardTaskAndItsSlotAreLeftInPlaceAndTheCauseSaysWhyItIsSafe() {
        runs.recordResource("run-42", "backwardSlot", "SITEB:cutover_orders_b");
        runs.recordResource("run-42", "backwardTaskArn", "arn:aws:dms:eu-west-1:123456789012:task:T2");
        runs.recordResource("run-42", "backwardTaskStartRequestedAt", clock.instant().toString());

        RolledBack r = rollback.rollBack(MigrationStates.twoWayDoorMigration()
                .error("io.cutover.failure.StepFailed", "{\"errorMessage\":\"backward task is failed\"}").build());

        assertEquals("SITEA", appMap.get("orders-api").orElseThrow().activeSite());
        assertEquals(AppStatus.OPEN, appMap.get("orders-api").orElseThrow().status());
        assertTrue(r.cause().contains("Two-way door left in place: backwardTaskArn=arn:aws:dms:eu-west-1:123456789012:task:T2,"
                + " backwardSlot=SITEB:cutover_orders_b."), r.cause());
        assertTrue(r.cause().contains("Backward task orders-b-to-a was started and keeps running: the applications are on the"
                + " source and the target takes only the migration task's writes, which loopback prevention keeps from coming"
                + " back"), r.cause());
    }

    @Test
    void twoWayDoorACreatedButUnstartedBackwardTaskCarriesNothing() {
        runs.recordResource("run-42", "backwardSlot", "SITEB:cutover_orders_b");
        runs.recordResource("run-42", "backwardTaskArn", "arn:aws:dms:eu-west-1:123456789012:task:T2");

        RolledBack r = rollback.rollBack(MigrationStates.twoWayDoorMigration().error("io.cutover.failure.StepFailed", "{}").build());

        assertTrue(r.cause().contains("Backward task orders-b-to-a was not started (nothing to carry back)."), r.cause());
    }

    @Test
    void aFailureBeforeTheDatabasesWereLocatedOpensTheApplicationsOnTheSourceAndTouchesNoTarget() {
        RolledBack r = rollback.rollBack(migration().notLocated()
                .error("io.cutover.failure.StepFailed", "{\"errorMessage\":\"cluster orders-aurora-v2 does not exist\"}").build());

        for (String app : List.of("orders-api", "billing-worker")) {
            assertEquals(AppStatus.OPEN, appMap.get(app).orElseThrow().status());
            assertEquals("SITEA", appMap.get(app).orElseThrow().activeSite());
        }
        assertEquals(List.of(), target.changes, "nothing recreated on a target the run never reached");
        assertEquals("replica", target.role, "not the run's to change");
        assertTrue(r.cause().startsWith("DrainToTarget failed: cluster orders-aurora-v2 does not exist."), r.cause());
        assertTrue(r.cause().contains("Applications on the source (SITEA) (routed back: none needed; thawed: orders-api,"
                + " billing-worker)."), r.cause());
        assertTrue(!r.cause().contains("On the target:"), r.cause());
    }

    @Test
    void anUndoThatFailsIsNamedWithItsFixAndTheApplicationsAreStillOpenedOnTheSource() {
        target.failWith = "connection refused";
        RoleSetting role = new RoleSetting("dms_apply", "orders", null, "ALTER ROLE dms_apply ...");
        MigrationState state = migration().preparation(new MigrationState.Preparation(role, List.of(ORDERS_INDEX, LINES_FK), 2))
                .error("io.cutover.failure.StepFailed", "{}").build();

        RolledBack r = rollback.rollBack(state);

        assertEquals(AppStatus.OPEN, appMap.get("orders-api").orElseThrow().status());
        assertEquals("SITEA", appMap.get("orders-api").orElseThrow().activeSite());
        assertTrue(r.cause().contains("could not restore session_replication_role of dms_apply (connection refused): run"
                + " ALTER ROLE dms_apply IN DATABASE orders RESET session_replication_role."), r.cause());
        assertTrue(r.cause().contains("could not recreate every held-back object (connection refused); the run item lists"
                + " them under " + PrepareTarget.HELD_BACK), r.cause());
        assertTrue(r.cause().contains("Left in place (rollback deletes and stops nothing)"), r.cause());
        assertEquals(RunStatus.ROLLED_BACK, runs.run("run-42").orElseThrow().status());
    }

    private static Site site(String name) {
        return new Site(name, Engine.POSTGRES, name.toLowerCase() + ".db", 5432, "orders", SECRET);
    }
}
