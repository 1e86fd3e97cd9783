package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.migrate.TableDefinition;
import io.cutover.testing.FakeInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ClusterDescription;
import io.cutover.testing.FakeSiteDatabases;
import io.cutover.testing.MutableClock;
import io.cutover.migrate.TableName;
import io.cutover.migrate.preparation.HeldBackObject;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.MigrationTestData;
import io.cutover.testing.FakeTargetPreparation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.runbook.CallBudget;

import java.time.Duration;
import java.util.List;

import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrepareTargetTest {
    static final TableName ORDERS = MigrationTestData.ORDERS;
    static final TableName LINES = MigrationTestData.LINES;
    static final HeldBackObject ORDERS_INDEX = MigrationTestData.ORDERS_INDEX;
    static final HeldBackObject LINES_FK = MigrationTestData.LINES_FK;

    private final FakeMigrationCatalog catalog = new FakeMigrationCatalog();
    private final FakeTargetPreparation target = new FakeTargetPreparation().add(ORDERS_INDEX).add(LINES_FK);
    private final FakeRunStore runs = new FakeRunStore();
    private final FakeInstances rds = new FakeInstances();
    private final FakeSiteDatabases sites = new FakeSiteDatabases();
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-01T01:00:00Z"));
    private final PrepareTarget prepare = new PrepareTarget(catalog, target, runs,
            new TargetParameterGroup(rds, sites, runs, clock));
    private final RestoreHeldBack restore = new RestoreHeldBack(target, runs);

    @BeforeEach
    void sourceTables() {
        MigrationStates.createRun(runs);
        catalog.tables.put(SOURCE_HOST, List.of(table(ORDERS), table(LINES), table(TableName.of("audit", "log"))));
    }

    @Test
    void objectsAreRecordedAndTheRoleSetBeforeAnythingIsDroppedThenRestoredAfterTheLoad() {
        MigrationState.Preparation recorded = prepare.prepareTarget(migration().build());

        assertEquals(java.util.Set.of(ORDERS_INDEX, LINES_FK), java.util.Set.copyOf(recorded.heldBack()),
                "the selected tables' objects (public.%), not audit.log's");
        assertEquals(List.of(), target.changes, "recording drops nothing");
        assertEquals("replica", target.role);
        assertNull(recorded.role().previous());
        assertEquals("-", runs.run("run-42").orElseThrow().resources().get(PrepareTarget.ROLE_PREVIOUS));
        assertTrue(runs.run("run-42").orElseThrow().resources().get(PrepareTarget.HELD_BACK).startsWith("2 object(s)"));

        MigrationState.Preparation held = prepare.holdBack(migration().preparation(recorded).build());
        prepare.holdBack(migration().preparation(recorded).build());
        assertEquals(2, held.dropped());
        assertEquals(List.of("drop lines_order_fk", "drop orders_customer_idx"), target.changes,
                "foreign keys before indexes, once");

        MigrationState.Restored restored = restore.restore(migration().preparation(held).build());
        assertEquals(List.of("drop lines_order_fk", "drop orders_customer_idx", "create orders_customer_idx",
                "create lines_order_fk"), target.changes, "indexes before the foreign keys that need them");
        assertEquals(2, restored.objects().size());
        assertEquals(0.5, restored.seconds());
    }

    @Test
    void aRestoreOverSeveralCallsRecreatesEachObjectOnceInOrderAndSaysWhenItIsComplete() {
        MigrationState.Preparation recorded = prepare.prepareTarget(migration().build());
        MigrationState.Preparation held = prepare.holdBack(migration().preparation(recorded).build());
        target.changes.clear();

        MigrationState.Restored first = restore.restore(migration().preparation(held).build(), CallBudget.of(Duration.ZERO));
        assertFalse(first.complete(), "one object a call with no time left");
        assertEquals(List.of("create orders_customer_idx"), target.changes, "the index first");
        assertEquals(Duration.ofSeconds(30), target.timeLimit, "a spent budget still gives a build a probe's 30 s");
        assertEquals(null, runs.run("run-42").orElseThrow().resources().get(RestoreHeldBack.RESTORED), "not recorded until done");

        MigrationState.Restored second = restore.restore(migration().preparation(held).restored(first).build(),
                CallBudget.of(Duration.ZERO));
        assertTrue(second.complete());
        assertEquals(2, second.calls());
        assertEquals(List.of("create orders_customer_idx", "create lines_order_fk"), target.changes,
                "each object once, indexes before the foreign keys that need them");
        assertEquals(List.of(ORDERS_INDEX.toString(), LINES_FK.toString()),
                second.objects().stream().map(MigrationState.RestoredObject::object).toList(), "each with its time");
        assertEquals(0.5, second.seconds());
        assertTrue(runs.run("run-42").orElseThrow().resources().get(RestoreHeldBack.RESTORED).startsWith("2 object(s)"));
    }

    @Test
    void anObjectThatCannotBeRecreatedInItsCallIsNamedWithWhatToDo() {
        MigrationState.Preparation recorded = prepare.prepareTarget(migration().build());
        MigrationState.Preparation held = prepare.holdBack(migration().preparation(recorded).build());
        target.failWith = "canceling statement due to statement timeout";

        String cause = assertThrows(io.cutover.failure.StepFailed.class, () -> restore.restore(
                migration().preparation(held).build(), CallBudget.of(Duration.ofMinutes(4)))).getMessage();
        assertTrue(target.timeLimit.compareTo(Duration.ofMinutes(3)) > 0, "the build was given what is left of the call: "
                + target.timeLimit);

        assertTrue(cause.startsWith("INDEX orders_customer_idx on public.orders was not recreated (after "), cause);
        assertTrue(cause.contains("canceling statement due to statement timeout"), cause);
        assertTrue(cause.contains("a build cannot outlive its call"), cause);
        assertTrue(cause.contains("(" + ORDERS_INDEX.definition() + ", built CONCURRENTLY)"), cause);
        assertTrue(cause.contains("holdBackConstraints false"), cause);
    }

    @Test
    void withoutHoldBackConstraintsOnlyTheRoleIsSet() {
        MigrationState state = migration().input(in -> in.put("holdBackConstraints", false)).build();

        MigrationState.Preparation p = prepare.prepareTarget(state);

        assertEquals(List.of(), p.heldBack());
        assertEquals("replica", target.role);
        assertEquals(List.of(), prepare.holdBack(migration().input(in -> in.put("holdBackConstraints", false))
                .preparation(p).build()).heldBack());
        assertEquals(List.of(), target.changes);
    }

    @Test
    void renamedTablesAreHeldBackUnderTheirTargetNames() {
        TableName renamed = TableName.of("public", "orders_v2");
        target.add(HeldBackObject.index(renamed, "orders_v2_idx", "CREATE INDEX ...", false, null));
        MigrationState state = migration().input(in -> ((ObjectNode) in.get("dms").get("tableMappings")).withArray("rules")
                .addObject().put("rule-type", "transformation").put("rule-id", "2").put("rule-name", "rename")
                .put("rule-action", "rename").put("rule-target", "table").put("value", "orders_v2")
                .putObject("object-locator").put("schema-name", "public").put("table-name", "orders")).build();

        assertEquals(java.util.Set.of("orders_v2_idx", "lines_order_fk"),
                java.util.Set.copyOf(prepare.prepareTarget(state).heldBack().stream().map(HeldBackObject::name).toList()));
    }

    /** An RDS instance target: its DB parameter group takes replica immediately; the run waits to see it. */
    @Test
    void theParameterGroupRouteSetsReplicaInTheInstancesGroupAndWaitsUntilANewSessionShowsIt() {
        rds.parameters.put("tgt-params", new java.util.HashMap<>(java.util.Map.of("session_replication_role", "local")));
        rds.put(FakeInstances.standalone("orders-aurora-v2-1", "postgres", "available")); // the located target instance
        MigrationStates run = instanceTarget().input(in -> in.put("holdBackConstraints", false));

        MigrationState.Preparation p = prepare.prepareTarget(run.build());

        MigrationState.ParameterChange set = p.parameter();
        assertNull(p.role(), "no role-level change on this route");
        assertNull(target.role);
        assertEquals("replica", rds.parameters.get("tgt-params").get("session_replication_role"));
        assertEquals(List.of("tgt-params", "local", "replica", "immediate", false),
                List.of(set.group(), set.previous(), set.value(), set.applyMethod(), set.inEffect()));
        var resources = runs.run("run-42").orElseThrow().resources();
        assertEquals("tgt-params", resources.get(TargetParameterGroup.GROUP), "recorded for a rollback");
        assertEquals("local", resources.get(TargetParameterGroup.PREVIOUS));

        clock.advance(java.time.Duration.ofSeconds(30));
        rds.put(applyStatus(FakeInstances.standalone("orders-aurora-v2-1", "postgres", "available"), "applying"));
        MigrationState.Preparation waiting = prepare.checkParameter(run.preparation(p).build());
        assertEquals(List.of(false, "origin", 1, "applying"), List.of(waiting.parameter().inEffect(), waiting.parameter().seen(),
                waiting.parameter().checks(), waiting.parameter().rdsStatus()),
                "not seen yet: never assumed; RDS's ParameterApplyStatus said plainly");
        sites.site(TARGET_HOST).replicationRole = "replica";
        sites.site(TARGET_HOST).roleSetServerWide = true;
        MigrationState.Preparation seen = prepare.checkParameter(run.preparation(waiting).build());
        assertTrue(seen.parameter().inEffect());
        assertEquals(List.of(), rds.reboots, "a DB parameter group's immediate change needs no reboot");
    }

    /** An Aurora cluster target: pending-reboot in the cluster group, the writer rebooted once, then seen. */
    @Test
    void theParameterGroupRouteRebootsAnAuroraWriterOnceAndWaitsThroughTheReboot() {
        rds.put(FakeInstances.standalone("orders-aurora-v2-1", "aurora-postgresql", "available"));
        MigrationStates run = migration().input(in -> in.put("replicationRoleRoute", "parameterGroup"));

        MigrationState.Preparation p = prepare.prepareTarget(run.build());
        assertEquals(List.of("pending-reboot", true), List.of(p.parameter().applyMethod(), p.parameter().cluster()));
        assertEquals("replica", rds.parameters.get("cluster:tgt-params").get("session_replication_role"));
        assertEquals("-", runs.run("run-42").orElseThrow().resources().get(TargetParameterGroup.PREVIOUS));
        assertEquals("cluster:tgt-params", runs.run("run-42").orElseThrow().resources().get(TargetParameterGroup.GROUP));

        String clusterId = run.build().input().target().id();
        ClusterDescription c = FakeInstances.cluster(clusterId);
        rds.putCluster(new ClusterDescription(c.id(), c.arn(), c.status(), c.engine(), c.writerEndpoint(), c.readerEndpoint(),
                c.port(), c.parameterGroup(), "orders-aurora-v2-1", List.of("orders-aurora-v2-1"),
                java.util.Map.of("orders-aurora-v2-1", "pending-reboot")));
        MigrationState.Preparation rebooted = prepare.checkParameter(run.preparation(p).build());
        assertEquals("pending-reboot", rebooted.parameter().rdsStatus(), "the writer's DBClusterParameterGroupStatus");
        assertEquals(List.of("orders-aurora-v2-1"), rds.reboots);
        assertNotNull(rebooted.parameter().rebootedAt());
        rds.put(FakeInstances.standalone("orders-aurora-v2-1", "aurora-postgresql", "rebooting"));
        MigrationState.Preparation during = prepare.checkParameter(run.preparation(rebooted).build());
        assertEquals(List.of(false), List.of(during.parameter().inEffect()));
        assertNull(during.parameter().seen(), "no session opened while the writer reboots");
        rds.put(FakeInstances.standalone("orders-aurora-v2-1", "aurora-postgresql", "available"));
        sites.site(TARGET_HOST).replicationRole = "replica";
        assertTrue(prepare.checkParameter(run.preparation(during).build()).parameter().inEffect());
        assertEquals(1, rds.reboots.size(), "rebooted once");
    }

    @Test
    void aParameterNotInEffectWithinTheLimitEndsTheRunWithWhatWasSeen() {
        rds.put(FakeInstances.standalone("orders-aurora-v2-1", "postgres", "available")); // the located target instance
        MigrationStates run = instanceTarget().input(in -> ((ObjectNode) in.get("limits")).put("parameterApplySeconds", 120));
        MigrationState.Preparation p = prepare.prepareTarget(run.build());
        clock.advance(java.time.Duration.ofSeconds(121));

        String cause = org.junit.jupiter.api.Assertions.assertThrows(io.cutover.failure.StepFailed.class,
                () -> prepare.checkParameter(run.preparation(p).build())).getMessage();

        assertEquals("session_replication_role = replica set in parameter group tgt-params (immediate) is not in effect"
                + " after 121 s: a new session on the target shows origin; RDS reports no"
                + " DBParameterGroups[tgt-params].ParameterApplyStatus; check aws rds describe-db-instances", cause);

        rds.put(applyStatus(FakeInstances.standalone("orders-aurora-v2-1", "postgres", "available"), "pending-reboot"));
        String pending = org.junit.jupiter.api.Assertions.assertThrows(io.cutover.failure.StepFailed.class,
                () -> prepare.checkParameter(run.preparation(p).build())).getMessage();
        assertTrue(pending.endsWith("a new session on the target shows origin; RDS reports"
                + " DBParameterGroups[tgt-params].ParameterApplyStatus pending-reboot (the change waits for a reboot: aws rds"
                + " reboot-db-instance --db-instance-identifier orders-aurora-v2-1, then start the run again)"), pending);
    }

    /** The instance as RDS describes it with its parameter group's ParameterApplyStatus. */
    private static InstanceDescription applyStatus(InstanceDescription d, String status) {
        return new InstanceDescription(d.id(), d.arn(), d.status(), d.engine(), d.replicaSourceId(), d.host(), d.port(), d.multiAz(),
                d.replicaIds(), d.tags(), d.backupRetentionPeriod(), d.replicaMode(), d.clusterId(), "tgt-params", status);
    }

    @Test
    void aDatabaseOrApplyUserSettingThatHidesTheGroupsValueIsNamed() {
        List<String> overrides = List.of("database orders, role dms_apply: origin", "database orders, role app: origin",
                "database orders: replica (set by cutover run r-1)", "all databases, role dms_apply: replica");

        assertEquals(List.of("database orders, role dms_apply: origin"),
                TargetParameterGroup.hiding(overrides, "dms_apply", "replica"), "another role's setting does not matter");
        assertEquals(List.of("database orders: replica (set by cutover run r-1)", "all databases, role dms_apply: replica"),
                TargetParameterGroup.hiding(overrides, "dms_apply", "origin"));
    }

    private static MigrationStates instanceTarget() {
        return migration().input(in -> {
            in.put("replicationRoleRoute", "parameterGroup");
            ((ObjectNode) in.get("target")).put("kind", "instance").put("id", "orders-pg");
        }).targetParameterGroup("tgt-params");
    }

    static TableDefinition table(TableName name) {
        return MigrationTestData.keyed(name, "id");
    }
}
