package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.dms.TaskSettings;
import io.cutover.dms.TwoWayTasks;
import io.cutover.failure.StepFailed;
import io.cutover.input.Direction;
import io.cutover.input.SwitchoverInput;
import io.cutover.input.SwitchoverInputParser;
import io.cutover.json.Json;
import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.Mappings;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.replication.TaskSpec;
import io.cutover.runbook.DmsTaskSetup;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.VerifyBackwardFlow;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.FakeSiteDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.twoWayDoorMigration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-way door over fakes (events/start-migration-two-way-door.json: source SITEA at
 * source.db, target SITEB at target.db, migration task orders-migrate, backward task
 * orders-b-to-a): the switchover's backward task steps run on the migration's pair, and the
 * result carries a failback input the switchover parser accepts.
 */
class TwoWayDoorHandoverTest {
    static final String DOOR_SOURCE_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2SOURCE";
    static final String DOOR_TARGET_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORATARGET1";

    private final FakeReplication dms = new FakeReplication();
    private final FakeRunStore runs = new FakeRunStore();
    private final FakeProbes probes = new FakeProbes();
    private final FakeSiteDatabases sites = new FakeSiteDatabases();
    private final FakeMigrationCatalog catalog = new FakeMigrationCatalog(sites);
    private final TwoWayDoorHandover door = new TwoWayDoorHandover(
            new BackwardTaskSetup(new DmsTaskSetup(dms, runs, Clock.systemUTC()), dms, probes, runs),
            new VerifyBackwardFlow(sites, Clock.systemUTC()), catalog);
    private MigrationState.MigrationTask migrationTask;

    /** The source's tables: the sample's mappings move every table of public (the sentinel among them). */
    static final List<TableName> SOURCE_TABLES = List.of(TableName.of("public", "orders"), TableName.of("public", "order_lines"),
            TableName.of("public", "cutover_sentinel"), TableName.of("public", "heartbeat"), TableName.of("archive", "orders_2019"));

    @BeforeEach
    void aRunningMigrationTaskWithTheTwoWaySettings() {
        catalog.tables.put(SOURCE_HOST, SOURCE_TABLES.stream().map(t -> MigratePreflightTest.keyed(t, "id")).toList());
        MigrationStates.createRun(runs);
        MigrationState plain = twoWayDoorMigration().build();
        var t = dms.createTask(new TaskSpec("orders-migrate", plain.input().replicationInstanceArn(),
                plain.input().source().endpointArn(), plain.input().target().endpointArn(), "full-load-and-cdc",
                TaskSettings.mappings(plain.input()), TaskSettings.forMigration(plain.input()), null, "run-42"));
        dms.setTask(t.arn(), "running");
        migrationTask = new MigrationState.MigrationTask(t.arn(), "orders-migrate", "running", true);
        dms.createdTasks.clear();
    }

    @Test
    void theMigrationTaskGetsLoopbackPreventionAndNoBatchApply() {
        String settings = TaskSettings.forMigration(twoWayDoorMigration().build().input());

        assertEquals(Optional.of(List.of("public", "public")), TwoWayTasks.loopbackSchemas(settings));
        assertEquals(List.of(), TwoWayTasks.twoWayProblems("orders-migrate", settings));
        assertTrue(TwoWayTasks.loopbackSchemas(TaskSettings.forMigration(MigrationStates.migration().build().input())).isEmpty(),
                "stopTask: settings as before");
    }

    @Test
    void theBackwardTaskIsCreatedBeforeTheFreezeOnTheTargetsSlotWithoutAPosition() {
        MigrationState.TwoWayDoor created = door.createTask(state(null));

        assertEquals(List.of("cutover_orders_b"), probes.slotsPrepared, "the slot on the target first");
        TaskSpec spec = dms.createdTasks.getFirst();
        assertEquals("orders-b-to-a", spec.identifier());
        assertEquals(DOOR_SOURCE_ENDPOINT, spec.sourceEndpointArn(), "reads the target");
        assertEquals(DOOR_TARGET_ENDPOINT, spec.targetEndpointArn(), "writes to the source");
        assertEquals("cdc", spec.migrationType(), "only one task of the pair is full-load-and-cdc");
        assertNull(spec.cdcStartPosition(), "the position is given at the start, inside the freeze");
        assertEquals(Optional.of(List.of("public", "public")), TwoWayTasks.loopbackSchemas(spec.settingsJson()));
        assertEquals(List.of(), TwoWayTasks.twoWayProblems(spec.identifier(), spec.settingsJson()));
        assertEquals("creating", created.task().status());
        assertTrue(created.task().created());
        assertEquals(List.of(), dms.startedTasks, "nothing started before the freeze");
        assertEquals("SITEB:cutover_orders_b", runs.run("run-42").orElseThrow().resources().get("backwardSlot"));
        // The migration's mappings mirrored: the tables it moved, each back to its source name - not the whole schema.
        TableMapping back = Mappings.parse(spec.tableMappingsJson());
        List<TableName> onTarget = List.of(TableName.of("public", "orders"), TableName.of("public", "order_lines"),
                TableName.of("public", "cutover_sentinel"), TableName.of("public", "heartbeat"), TableName.of("public", "made_on_target"),
                TableName.of("archive", "orders_2019"));
        assertEquals(SOURCE_TABLES.stream().filter(t -> t.schema().equals("public")).sorted().toList(), back.selected(onTarget));
        for (TableName t : back.selected(onTarget)) assertEquals(t, back.targetTable(t));

        // Asked again while DMS creates it: found, not created twice.
        MigrationState.TwoWayDoor again = door.createTask(state(created));
        assertEquals(1, dms.createdTasks.size());
        assertEquals(created.task().taskArn(), again.task().taskArn());
    }

    @Test
    void mappingsThatCannotBeMirroredFailTheStepBeforeAnythingIsCreated() {
        MigrationState state = twoWayDoorMigration().input(in -> in.with("dms").set("tableMappings", Json.mapper().valueToTree(
                java.util.Map.of("rules", List.of(
                        java.util.Map.of("rule-type", "selection", "rule-id", "1", "rule-name", "all", "rule-action", "include",
                                "object-locator", java.util.Map.of("schema-name", "public", "table-name", "%")),
                        java.util.Map.of("rule-type", "transformation", "rule-id", "2", "rule-name", "amt",
                                "rule-target", "column", "rule-action", "rename", "value", "amount",
                                "object-locator", java.util.Map.of("schema-name", "public", "table-name", "orders",
                                        "column-name", "amt")))))))
                .task(migrationTask).build();

        String cause = assertThrows(StepFailed.class, () -> door.createTask(state)).getMessage();

        assertTrue(cause.startsWith("the backward task's table mappings cannot mirror the migration's: rule 2: transformation"
                + " rename on column amt of public.orders cannot be inverted"), cause);
        assertEquals(List.of(), dms.createdTasks);
        assertEquals(List.of(), probes.slotsPrepared);
    }

    @Test
    void insideTheFreezeTheTaskStartsFromTheTargetsPositionThenRuns() {
        MigrationState.TwoWayDoor created = door.createTask(state(null));
        dms.setTask(created.task().taskArn(), "ready");
        probes.current = "0/5000A28";

        dms.runningOnceAsked = task -> true;

        MigrationState.TwoWayDoor started = door.startTask(state(created));

        assertEquals(List.of(created.task().taskArn()), dms.startedTasks);
        assertEquals("0/5000A28", dms.startPositionByTask.get(created.task().taskArn()));
        assertEquals("0/5000A28", started.task().position());
        assertEquals("0/5000A28", runs.run("run-42").orElseThrow().position(), "recorded before the start call");
        assertEquals("running", started.task().status(), "asked again within the call: no Wait state inside the freeze");
        assertEquals("running", door.startTask(state(started)).task().status(), "called again: polls it");
        // A retried start leaves a running task alone.
        door.startTask(state(started));
        assertEquals(1, dms.startedTasks.size());
    }

    @Test
    void afterTheThawAWriteOnTheTargetMustReachTheSource() {
        MigrationState.TwoWayDoor created = door.createTask(state(null));
        sites.flow(TARGET_HOST, SOURCE_HOST, true);
        sites.heartbeat(TARGET_HOST, 1_000_000_001L, "SITEB"); // the application's first write on the target

        MigrationState.TwoWayDoor verified = door.verifyFlow(state(created));

        assertTrue(verified.verify().verified());
        assertTrue(sites.site(SOURCE_HOST).sentinels.contains("run-42/verify"));
        assertEquals(1_000_000_001L, verified.verify().heartbeatId(), "twoWayDoor.heartbeatTable: a heartbeat came back too");
        assertEquals(created.task(), verified.task(), "the task section is kept");
    }

    @Test
    void aBackwardFlowThatDoesNotArriveFailsNamingTheTask() {
        MigrationState.TwoWayDoor created = door.createTask(state(null));
        MigrationState state = twoWayDoorMigration().input(in -> in.with("limits").put("verifyWaitSeconds", 1))
                .task(migrationTask).twoWayDoor(created).build();

        String cause = assertThrows(StepFailed.class, () -> door.verifyFlow(state)).getMessage();

        assertTrue(cause.startsWith("writes on SITEB do not reach SITEA") && cause.contains("check backward task orders-b-to-a"),
                cause);
    }

    @Test
    void theResultCarriesAFailbackInputTheSwitchoverRunbookAccepts() {
        MigrationState state = state(null);
        MigrationState.Result result = state.succeeded();

        assertEquals("orders-b-to-a", result.backwardTask());
        JsonNode doc = Json.mapper().valueToTree(result.failbackInput());
        SwitchoverInput failback = SwitchoverInputParser.parse(doc);
        assertEquals(Direction.B_TO_A, failback.direction());
        assertEquals("orders-b-to-a", failback.forwardTaskIdentifier(), "the backward task carries the failback");
        assertEquals("orders-migrate", failback.backwardTaskIdentifier(), "the migration task keeps running for it");
        assertEquals(TARGET_HOST, failback.fromSite().host());
        assertEquals(DOOR_SOURCE_ENDPOINT, failback.fromSite().sourceEndpointArn());
        assertEquals("cutover_orders_b", failback.fromSite().slotName());
        assertEquals(SOURCE_HOST, failback.toSite().host());
        assertEquals(DOOR_TARGET_ENDPOINT, failback.toSite().targetEndpointArn());
        assertEquals("arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1", failback.toSite().sourceEndpointArn());
        assertEquals("cutover_orders_a", failback.toSite().slotName());
        assertEquals(List.of("orders-api", "billing-worker"), failback.applications());
        assertEquals("heartbeat", failback.heartbeatTable());
        // The same pair, whichever the direction: one lock for the failback and any later switchover.
        assertEquals(TwoWayDoorHandover.pair(state, Direction.A_TO_B, null).lockId(), failback.lockId());
        assertEquals(Json.mapper().valueToTree(state.input().tableMappingTree()), failback.dms().tableMappings(),
                "the failback's backward task is the migration task: its mappings, should it ever be recreated");

        assertNull(MigrationStates.migration().build().succeeded().failbackInput(), "stopTask: no failback input");
    }

    private MigrationState state(MigrationState.TwoWayDoor section) {
        return twoWayDoorMigration().task(migrationTask).twoWayDoor(section).build();
    }
}
