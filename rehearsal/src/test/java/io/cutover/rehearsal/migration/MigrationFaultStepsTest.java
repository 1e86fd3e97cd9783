package io.cutover.rehearsal.migration;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.catalog.StepCatalog;
import io.cutover.instance.Engine;
import io.cutover.instance.SnapshotDescription;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.validation.InMemoryChecksums;
import io.cutover.runbook.Ports;
import io.cutover.rehearsal.engine.ExecutionRequest;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.LocalLambdaEndpoint;
import io.cutover.rehearsal.engine.StepFunctionsEngine;
import io.cutover.rehearsal.local.DatabaseTime;
import io.cutover.rehearsal.local.StepInvocation;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.testing.FakeAppMap;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.FakeSecrets;
import io.cutover.testing.FakeSiteDatabases;
import io.cutover.testing.FakeTargetPreparation;
import io.cutover.testing.RecordingCallbacks;
import io.cutover.testing.SampleEvents;
import io.cutover.testing.MigrationTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cutover.testing.MigrationTestData.LINES;
import static io.cutover.testing.MigrationTestData.LINES_FK;
import static io.cutover.testing.MigrationTestData.ORDERS;
import static io.cutover.testing.MigrationTestData.ORDERS_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault at every Task state of the real {@code statemachines/migrate.asl.json}, run by the local
 * engine with the real handlers over fakes (functions' test fakes: RDS, DMS, the sites' databases,
 * catalog, target preparation, in-memory checksums, run store, appmap), each ending in the safe
 * state. A run takes well under a second, so every state is covered here; the states whose fault
 * needs real servers to mean something (JDBC on the target, the real task, the freeze) are also
 * in {@link MigrationRehearsalTest}. The fake DMS and RDS move on when the state machine polls
 * them (the task becomes ready, then running, then loaded; the snapshot available).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("runbookExists")
class MigrationFaultStepsTest {
    static final Path DEFINITION = StepFunctionsEngine.locateProjectRoot().resolve("statemachines/migrate.asl.json");
    static final Pattern FUNCTION_PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)FunctionArn}");
    static final String SOURCE = "orders-aurora.cluster-abc.eu-west-1.rds.amazonaws.com";
    static final String TARGET = "orders-aurora-v2.cluster-abc.eu-west-1.rds.amazonaws.com";
    static final String INSTANCE = "arn:aws:dms:eu-west-1:123456789012:rep:ORDERSREPLINSTANCE1";
    static final String SOURCE_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1";
    static final String TARGET_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2TARGET";
    /** afterCutover twoWayDoor (events/start-migration-two-way-door.json): the backward task's endpoints. */
    static final String DOOR_SOURCE_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2SOURCE";
    static final String DOOR_TARGET_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORATARGET1";
    static final String LOCK = "target:cluster:orders-aurora-v2";
    static final List<String> APPS = List.of("orders-api", "billing-worker");
    /** After this state the applications are on the target. */
    static final String ROUTING_STATE = "RouteToTarget";
    /** Faults here are caught before the run item and lock exist: the run is refused, nothing to undo. */
    static final List<String> BEFORE_THE_RUN = List.of("MigrateValidateInput", "MigrateAcquireLock");
    /** Entered only with replicationRoleRoute parameterGroup: faulted on that route only. */
    static final List<String> PARAMETER_GROUP_STATES = List.of("CheckTargetParameter", "CheckTargetParameterRestored");
    static final String TARGET_GROUP = "cluster:orders-aurora-v2-params";
    static final String TARGET_WRITER = "orders-aurora-v2-1";

    // The fake world, rebuilt before each run (the handlers hold the ports, so their contents are reset).
    final FakeInstances instances = new FakeInstances();
    final FakeReplication dms = new FakeReplication();
    final FakeRunStore runs = new FakeRunStore();
    final FakeAppMap appMap = new FakeAppMap();
    final FakeSiteDatabases sites = new FakeSiteDatabases();
    final FakeMigrationCatalog catalog = new FakeMigrationCatalog(sites);
    final FakeTargetPreparation target = new FakeTargetPreparation();
    final InMemoryChecksums sourceRows = new InMemoryChecksums();
    final InMemoryChecksums targetRows = new InMemoryChecksums();

    LocalLambdaEndpoint endpoint;
    StepFunctionsEngine engine;
    Map<String, String> substitutions;
    volatile String failAt;
    volatile String alsoFailAt;
    /** A fault at a looping state's second call only (the first returned "more"). */
    volatile String failAtSecondCall;
    final Map<String, java.util.concurrent.atomic.AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    /** Reboots of the target's writer whose pending parameter values the fake world has applied. */
    volatile int rebootsApplied;
    int n;

    static boolean runbookExists() {
        return Files.isRegularFile(DEFINITION);
    }

    static List<String> taskStates() {
        List<String> all = MigrationRehearsal.taskStates(StepFunctionsEngine.locateProjectRoot());
        // The S3 copy's states are never entered without s3Target, and a fault there never rolls the
        // database back: S3TargetCopyTest and MigrationRehearsalTest's drift run cover them.
        return all.stream().filter(s -> !s.equals("MigrateRollback") && !MigrationRehearsal.s3CopyState(s)).toList();
    }

    static List<String> roleRouteStates() {
        return taskStates().stream().filter(s -> !PARAMETER_GROUP_STATES.contains(s)).toList();
    }

    @BeforeAll
    void deploy() throws Exception {
        Ports core = new Ports(instances, dms, new FakeProbes(), runs, appMap, new RecordingCallbacks(), Clock.systemUTC(),
                new FakeSecrets());
        MigrationPorts ports = new MigrationPorts(core, sites, (instance, task) -> Optional.empty(), catalog, target,
                db -> (SOURCE.equals(db.host()) ? sourceRows : targetRows).open(db));
        endpoint = new LocalLambdaEndpoint().start();
        engine = new StepFunctionsEngine(endpoint);
        substitutions = new LinkedHashMap<>();
        TreeSet<String> functions = new TreeSet<>();
        Matcher m = FUNCTION_PLACEHOLDER.matcher(Files.readString(DEFINITION));
        while (m.find()) functions.add(m.group(1));
        DatabaseTime time = new DatabaseTime();
        for (String function : functions) {
            endpoint.register(function, new StepInvocation(function, handler(function, ports), (f, payload) -> {
                advanceTheWorld(f);
                int call = calls.computeIfAbsent(f, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                if (f.equals(failAtSecondCall) && call == 2) return f;
                for (String state : new String[]{failAt, alsoFailAt}) {
                    String failing = state == null ? null : StepInvocation.FaultPlan.atState(state).failingState(f, payload);
                    if (failing != null) return failing;
                }
                return null;
            }, runs, time));
            substitutions.put(function + "FunctionArn", endpoint.functionArn(function));
        }
    }

    @AfterAll
    void close() throws Exception {
        if (engine != null) engine.close();
    }

    /** Source and target located, ready for CDC, the same two tables, the applications open on the source. */
    @BeforeEach
    void aFreshWorld() {
        dms.runningOnceAsked = task -> false;
        failAt = null;
        alsoFailAt = null;
        failAtSecondCall = null;
        calls.clear();
        // A rollback that could not finish (RollbackIncomplete) keeps its lock, as it must: not this test's run.
        runs.lockHolder(LOCK).ifPresent(holder -> runs.releaseLock(LOCK, holder));
        catalog.lobs.clear();
        catalog.lobsMeasured.clear();
        endpoint.functionTimeout(java.time.Duration.ofMinutes(15));
        instances.clusters.clear();
        instances.clusterSnapshots.clear();
        instances.putCluster(FakeInstances.cluster("orders-aurora")).putCluster(FakeInstances.cluster("orders-aurora-v2"));
        dms.tasks.clear();
        dms.tableStatistics.clear();
        dms.stoppedTasks.clear();
        dms.instanceStatus.put(INSTANCE, "available");
        dms.addEndpoint(SOURCE_ENDPOINT, "orders-aurora-source", "source");
        dms.addEndpoint(TARGET_ENDPOINT, "orders-aurora-v2-target", "target");
        for (String door : List.of(DOOR_SOURCE_ENDPOINT, DOOR_TARGET_ENDPOINT)) {
            dms.addEndpoint(door, door.equals(DOOR_SOURCE_ENDPOINT) ? "orders-aurora-v2-source" : "orders-aurora-target",
                    door.equals(DOOR_SOURCE_ENDPOINT) ? "source" : "target");
            dms.connections.put(INSTANCE + "|" + door, new ConnectionStatus("successful", null));
        }
        dms.slotNames.put(DOOR_SOURCE_ENDPOINT, "cutover_orders_b");
        List<TableDefinition> tables = List.of(keyed(ORDERS), keyed(LINES));
        catalog.tables.put(SOURCE, tables);
        catalog.tables.put(TARGET, tables);
        for (InMemoryChecksums side : List.of(sourceRows, targetRows)) {
            side.table(ORDERS, 300);
            side.table(LINES, 300);
        }
        sites.site(SOURCE).sequences.put("orders_id_seq", 301L);
        sites.site(TARGET).sequences.put("orders_id_seq", 1L);
        sites.flow(SOURCE, TARGET, true);
        sites.flow(TARGET, SOURCE, false);
        target.objects.clear();
        target.present.clear();
        target.changes.clear();
        target.add(ORDERS_INDEX).add(LINES_FK);
        target.role = null;
        instances.parameters.clear();
        instances.reboots.clear();
        rebootsApplied = 0;
        instances.put(FakeInstances.standalone(TARGET_WRITER, "aurora-postgresql", "available"));
        sites.site(TARGET).replicationRole = "origin";
        sites.site(TARGET).roleSetServerWide = false;
        for (String app : APPS) {
            appMap.put(new Application(app, Map.of("SITEA", site("SITEA", SOURCE), "SITEB", site("SITEB", TARGET)), "SITEA",
                    AppStatus.OPEN, null, 0));
        }
    }

    /** What DMS and RDS would have done by the time the state machine looks again. */
    private void advanceTheWorld(String function) {
        for (TaskDescription t : List.copyOf(dms.tasks.values())) {
            switch (function) {
                case "CreateTwoWayDoorTask" -> {
                    if ("creating".equals(t.status())) dms.setTask(t.arn(), "ready");
                }
                case "StartTwoWayDoorTask" -> {
                    if ("starting".equals(t.status())) dms.setTask(t.arn(), "running");
                }
                case "StartMigrationTask" -> {
                    if ("creating".equals(t.status())) dms.setTask(t.arn(), "ready");
                }
                case "CheckMigrationTask" -> {
                    // Still starting at the first check (the machine waits in WaitForTaskRunning), running at the next.
                    boolean checkedBefore = calls.containsKey(function);
                    if (checkedBefore && "starting".equals(t.status())) dms.setTask(t.arn(), "running");
                }
                case "StartS3Task" -> {
                    if ("creating".equals(t.status())) dms.setTask(t.arn(), "ready");
                }
                case "CheckS3Output" -> {
                    if ("starting".equals(t.status())) dms.setTask(t.arn(), "running");
                }
                case "StopS3Task", "RemoveS3Copy" -> {
                    if ("stopping".equals(t.status())) dms.setTask(t.arn(), "stopped");
                    if ("deleting".equals(t.status())) dms.finishDeleting(t.arn());
                }
                case "CheckFullLoad" -> {
                    dms.setFullLoad(t.arn(), 100, new TaskDescription.TableCounts(2, 0, 0, 0));
                    dms.tableStatistics.put(t.arn(), List.of(loaded(t.arn(), ORDERS), loaded(t.arn(), LINES)));
                }
                default -> {
                }
            }
        }
        // The backward task carries the target's writes to the source once it runs.
        if ("VerifyTwoWayDoorFlow".equals(function)) sites.flow(TARGET, SOURCE, true);
        if ("CheckS3TargetConnection".equals(function)) {
            dms.connections.replaceAll((k, c) -> "testing".equals(c.status()) ? new ConnectionStatus("successful", null) : c);
        }
        // The target's writer came back from the run's latest reboot with its cluster parameter group's
        // value (pending-reboot: applied at a reboot, not before).
        if (function.startsWith("CheckTargetParameter") && instances.reboots.size() > rebootsApplied) {
            rebootsApplied = instances.reboots.size();
            String value = instances.parameters.getOrDefault(TARGET_GROUP, Map.of()).get("session_replication_role");
            if (value != null) {
                sites.site(TARGET).replicationRole = value;
                sites.site(TARGET).roleSetServerWide = true;
            }
        }
        if ("CheckSnapshot".equals(function)) {
            instances.clusterSnapshots.replaceAll((id, s) -> new SnapshotDescription(s.id(), s.arn(), s.sourceId(), "available", 100));
        }
    }

    private ExecutionResult run(String runId) throws Exception {
        return run(runId, false);
    }

    /** The two-way door's states are entered only with afterCutover twoWayDoor. */
    static boolean twoWayDoorState(String state) {
        return state.contains("TwoWayDoor");
    }

    private ExecutionResult run(String runId, boolean s3Copy) throws Exception {
        return run(runId, s3Copy, false);
    }

    private ExecutionResult run(String runId, boolean s3Copy, boolean viaParameterGroup) throws Exception {
        return run(runId, s3Copy, viaParameterGroup, failAt != null && twoWayDoorState(failAt));
    }

    private ExecutionResult run(String runId, boolean s3Copy, boolean viaParameterGroup, boolean twoWayDoor) throws Exception {
        ObjectNode input = SampleEvents.load(twoWayDoor ? "start-migration-two-way-door.json" : "start-migration.json");
        if (viaParameterGroup) input.put("replicationRoleRoute", "parameterGroup");
        if (twoWayDoor) {
            // No heartbeat application in this world: the flow check waits for the sentinel only.
            ((ObjectNode) input.get("twoWayDoor")).remove("heartbeatTable");
            ((ObjectNode) input.get("twoWayDoor")).put("backwardTaskIdentifier", runId + "-b-to-a");
            // DMS moves the started backward task to running while StartTwoWayDoorTask waits for it inside
            // its call (else the call waits out its in-call budget, 20 s); the migration task moves only
            // when the machine polls it again (advanceTheWorld).
            dms.runningOnceAsked = task -> task.identifier().equals(runId + "-b-to-a");
            ((ObjectNode) input.get("twoWayDoor")).put("targetSlotName", "cutover_orders_b");
        }
        if (s3Copy) {
            input.putObject("s3Target").put("bucketName", "orders-lake").put("bucketFolder", "dms/" + runId)
                    .put("serviceAccessRoleArn", "arn:aws:iam::123456789012:role/cutover-dms-s3-target");
        }
        ((ObjectNode) input.get("dms")).put("taskIdentifier", runId + "-migrate");
        ((ObjectNode) input.get("limits")).put("pollIntervalSeconds", 1).put("drainWaitSeconds", 5);
        ExecutionRequest request = ExecutionRequest.builder(DEFINITION).substitutions(substitutions).input(input)
                .executionName(runId).timeScale(0.05).build();
        return engine.run(request);
    }

    @Test
    void withoutAFaultTheFakeWorldRunsTheMachineToTheEnd() throws Exception {
        ExecutionResult r = run("fs-" + (++n));

        assertTrue(r.succeeded(), r.toString());
        assertTrue(r.statesEntered().contains("WaitForTaskRunning"), "the task was starting at the first check: " + r.statesEntered());
        for (String app : APPS) assertEquals("SITEB", appMap.get(app).orElseThrow().activeSite());
        assertEquals(10_301L, sites.site(TARGET).sequences.get("orders_id_seq"), "source + buffer");
    }

    /** Through the target's cluster parameter group: replica seen after the writer's reboot, origin again at the end. */
    @Test
    void onTheParameterGroupRouteTheRunWaitsForTheGroupBothWaysAndEndsWithOrigin() throws Exception {
        ExecutionResult r = run("fs-" + (++n), false, true);

        assertTrue(r.succeeded(), r.toString());
        assertEquals(List.of(TARGET_WRITER, TARGET_WRITER), instances.reboots, "rebooted for replica, then for origin");
        assertTrue(r.statesEntered().containsAll(List.of("WaitForTargetParameter", "CheckTargetParameter",
                "WaitForTargetParameterRestored", "CheckTargetParameterRestored")), r.statesEntered().toString());
        assertEquals("origin", groupValue());
        assertEquals("origin", sites.site(TARGET).replicationRole, "in effect on the target");
        assertEquals(null, target.role, "no role-level change on this route");
    }

    @Test
    void withTheTwoWayDoorTheMigrationTaskKeepsRunningAndTheBackwardTaskStartsBeforeTheRouting() throws Exception {
        String runId = "fs-" + (++n);

        ExecutionResult r = run(runId, false, false, true);

        assertTrue(r.succeeded(), r.toString());
        List<String> entered = r.statesEntered();
        assertTrue(entered.indexOf("CreateTwoWayDoorTask") < entered.indexOf("FreezeForCutover"), entered.toString());
        assertTrue(entered.indexOf("FreezeForCutover") < entered.indexOf("StartTwoWayDoorTask")
                && entered.indexOf("StartTwoWayDoorTask") < entered.indexOf("RouteToTarget"), "started inside the freeze, before the routing: " + entered);
        assertTrue(entered.indexOf("ThawAfterCutover") < entered.indexOf("VerifyTwoWayDoorFlow"), entered.toString());
        assertFalse(entered.contains("StopMigrationTask"), "the migration task keeps running: " + entered);
        assertEquals(List.of(), dms.stoppedTasks);
        TaskDescription backward = dms.findTaskByIdentifier(runId + "-b-to-a").orElseThrow();
        assertEquals("running", backward.status());
        assertEquals("cdc", backward.migrationType());
        assertEquals("running", dms.findTaskByIdentifier(runId + "-migrate").orElseThrow().status());
        com.fasterxml.jackson.databind.JsonNode failback = r.output().path("result").path("failbackInput");
        assertEquals("B_TO_A", failback.path("direction").asText(), r.output().path("result").toString());
        assertEquals(runId + "-b-to-a", failback.path("dms").path("taskIdentifiers").path("B_TO_A").asText());
        assertEquals(runId + "-migrate", failback.path("dms").path("taskIdentifiers").path("A_TO_B").asText());
        io.cutover.input.SwitchoverInputParser.parse(failback); // ready for start-execution as it is
        for (String app : APPS) assertEquals("SITEB", appMap.get(app).orElseThrow().activeSite());
    }

    @ParameterizedTest(name = "fault at {0}")
    @MethodSource("roleRouteStates")
    void aFaultAtEveryTaskStateEndsInTheSafeState(String state) throws Exception {
        faultEndsInTheSafeState(state, false);
    }

    /**
     * The same faults on replicationRoleRoute parameterGroup (its own states included): the run ends
     * safe and the target's parameter group holds origin again (set back by the rollback, or by
     * RestoreTargetRole before the routing).
     */
    @ParameterizedTest(name = "parameter group route, fault at {0}")
    @MethodSource("taskStates")
    void aFaultAtEveryTaskStateOnTheParameterGroupRouteEndsWithTheGroupAsBefore(String state) throws Exception {
        faultEndsInTheSafeState(state, true);
        assertEquals("origin", groupValue(), state + ": the group as before the run (it had no value of its own)");
        if (PARAMETER_GROUP_STATES.contains(state)) {
            assertTrue(runs.run("fs-" + n).orElseThrow().cause().contains("session_replication_role set back to origin"),
                    runs.run("fs-" + n).orElseThrow().cause());
        }
    }

    private String groupValue() {
        return instances.parameters.getOrDefault(TARGET_GROUP, Map.of()).getOrDefault("session_replication_role", "origin");
    }

    private void faultEndsInTheSafeState(String state, boolean viaParameterGroup) throws Exception {
        failAt = state;
        String runId = "fs-" + (++n);

        ExecutionResult r = run(runId, false, viaParameterGroup);

        assertFalse(r.succeeded(), state);
        List<String> states = taskStates();
        if (BEFORE_THE_RUN.contains(state)) {
            assertTrue(r.statesEntered().contains(state.equals("MigrateValidateInput") ? "InputRejected" : "RunRefused"),
                    r.statesEntered().toString());
            assertOnTheSourceOpen(state);
            assertTrue(dms.tasks.isEmpty(), "no task");
            assertTrue(target.changes.isEmpty() && target.role == null, "the target untouched");
            return;
        }
        RunRecord run = runs.run(runId).orElseThrow();
        String cause = run.cause();
        assertEquals(RunStatus.ROLLED_BACK, run.status(), state);
        assertTrue(r.statesEntered().contains("MigrateRollback") && r.statesEntered().contains("MigrationRolledBack"),
                r.statesEntered().toString());
        assertTrue(cause.startsWith(state + " failed: fault injected at " + state), cause);
        assertTrue(runs.lockHolder(LOCK).map(h -> !h.equals(runId)).orElse(true), "lock released");
        assertTrue(cause.contains("Left in place (rollback deletes and stops nothing): "), cause);
        dms.findTaskByIdentifier(runId + "-migrate").ifPresent(t -> assertTrue(cause.contains(t.arn()), "the task is named: " + cause));
        if (!instances.clusterSnapshots.isEmpty()) {
            assertTrue(cause.contains("cutover-" + runId), "the snapshot is named: " + cause);
        }
        assertTrue(dms.deletedEndpoints.isEmpty(), "nothing deleted");
        assertEquals(states.indexOf(state) > states.indexOf("StopMigrationTask") ? 1 : 0, dms.stoppedTasks.size(),
                "rollback stops no task (only StopMigrationTask does): " + dms.stoppedTasks);
        // Before the routing the rollback undoes the preparation; after it, the cutover had already done so.
        assertEquals(null, target.role, "the apply user's role as before the run");
        assertEquals(java.util.Set.of(ORDERS_INDEX.name(), LINES_FK.name()), target.present, "held-back objects all there");
        if (twoWayDoorState(state) && !state.equals("CreateTwoWayDoorTask")) {
            assertTrue(cause.contains("Two-way door left in place: backwardTaskArn="), cause);
        }
        if (states.indexOf(state) > states.indexOf(ROUTING_STATE)) {
            for (String app : APPS) {
                assertEquals("SITEB", appMap.get(app).orElseThrow().activeSite(), app);
                assertEquals(AppStatus.OPEN, appMap.get(app).orElseThrow().status(), app);
            }
            assertTrue(cause.contains("failback (B_TO_A)"), cause);
            return;
        }
        assertOnTheSourceOpen(state);
        assertTrue(cause.contains("Applications on the source (SITEA)"), cause);
        if (target.changes.contains("drop " + ORDERS_INDEX.name())) {
            assertTrue(cause.contains("held-back object(s) recreated"), cause);
        }
    }

    /**
     * Lambda calls of one second: every call's budget is zero (the second less the margin), so each
     * looping step does one unit of work a call - one LOB table, one held-back object, one table's
     * validation - and its Choice calls it again until it is complete.
     */
    private void oneUnitACall() {
        endpoint.functionTimeout(java.time.Duration.ofSeconds(1));
        List<TableDefinition> tables = List.of(withLob(ORDERS), withLob(LINES));
        catalog.tables.put(SOURCE, tables);
        catalog.tables.put(TARGET, tables);
    }

    static List<String> loopingStates() {
        return List.of("MigratePreflight", "RestoreHeldBack", "ValidateData", "FinalValidation");
    }

    @Test
    void aRunWhoseLoopingStepsNeedSeveralCallsEachRunsToTheEnd() throws Exception {
        oneUnitACall();

        ExecutionResult r = run("fs-" + (++n));

        assertTrue(r.succeeded(), r.toString());
        for (String state : loopingStates()) {
            assertEquals(state.equals("MigratePreflight") ? 3 : 2, calls.get(state).get(),
                    state + ": the checks, then one LOB table a call; else one object or table a call");
        }
        for (String choice : List.of("PreflightComplete", "HeldBackRestored", "ValidationComplete", "FinalValidationComplete")) {
            assertTrue(r.statesEntered().contains(choice), choice + " in " + r.statesEntered());
        }
        assertEquals(java.util.Set.of(ORDERS_INDEX.name(), LINES_FK.name()), target.present, "held-back objects all restored");
        assertEquals(List.of(ORDERS, LINES), catalog.lobsMeasured, "each LOB table scanned once");
        for (String app : APPS) assertEquals("SITEB", appMap.get(app).orElseThrow().activeSite());
    }

    @Test
    void aLobOverTheLimitInTheLastTableIsNamedAfterSeveralCalls() throws Exception {
        oneUnitACall();
        catalog.lobs.put(LINES, List.of(new io.cutover.migrate.catalog.LobSize(LINES, "note", "text", 200 * 1024, -1, 3)));
        String runId = "fs-" + (++n);

        ExecutionResult r = run(runId);

        assertFalse(r.succeeded());
        assertEquals(3, calls.get("MigratePreflight").get());
        String cause = runs.run(runId).orElseThrow().cause();
        assertTrue(cause.contains("public.order_lines.note"), cause);
        assertTrue(dms.tasks.isEmpty(), "nothing created");
    }

    @ParameterizedTest(name = "fault at the second call of {0}")
    @MethodSource("loopingStates")
    void aFaultInALoopsLaterCallEndsInTheSafeState(String state) throws Exception {
        oneUnitACall();
        failAtSecondCall = state;
        String runId = "fs-" + (++n);

        ExecutionResult r = run(runId);

        assertFalse(r.succeeded(), state);
        RunRecord run = runs.run(runId).orElseThrow();
        assertEquals(RunStatus.ROLLED_BACK, run.status(), state);
        assertEquals(2, calls.get(state).get(), "failed at its second call");
        assertTrue(run.cause().startsWith(state + " failed: fault injected at " + state), run.cause());
        assertEquals(null, target.role, "the apply user's role as before the run");
        assertEquals(java.util.Set.of(ORDERS_INDEX.name(), LINES_FK.name()), target.present, "held-back objects all there");
        assertOnTheSourceOpen(state);
        assertTrue(runs.lockHolder(LOCK).map(h -> !h.equals(runId)).orElse(true), "lock released");
    }

    @Test
    void aFaultInTheRollbackItselfEndsRollbackIncompleteWithWhatToCheck() throws Exception {
        failAt = "ValidateData";
        alsoFailAt = "MigrateRollback";

        ExecutionResult r = run("fs-" + (++n));

        assertTrue(r.statesEntered().contains("RollbackIncomplete"), r.statesEntered().toString());
        assertEquals("RollbackIncomplete", r.error());
        assertTrue(r.cause().contains("check the appmap") && r.cause().contains("session_replication_role"), r.cause());
    }

    static List<String> s3CopyStates() {
        return MigrationRehearsal.taskStates(StepFunctionsEngine.locateProjectRoot()).stream()
                .filter(MigrationRehearsal::s3CopyState).toList();
    }

    /**
     * The S3 copy beside the database (no S3 store here, so its output check always fails and is
     * caught): a fault at any of its states is recorded and the database's cutover completes; at
     * RemoveS3Copy (reached only by a rollback) the run still ends rolled back, safe.
     */
    @ParameterizedTest(name = "S3 copy fault at {0}")
    @MethodSource("s3CopyStates")
    void aFaultInTheS3CopyNeverStopsTheDatabasesCutover(String state) throws Exception {
        failAt = state;
        if (state.equals("RemoveS3Copy")) alsoFailAt = "ValidateData";
        String runId = "fs-" + (++n);

        ExecutionResult r = run(runId, true);

        assertTrue(r.statesEntered().contains(state), state + " entered: " + r.statesEntered());
        RunRecord run = runs.run(runId).orElseThrow();
        if (state.equals("RemoveS3Copy")) {
            assertEquals(RunStatus.ROLLED_BACK, run.status(), run.cause());
            assertTrue(r.statesEntered().contains("MigrationRolledBack"), r.statesEntered().toString());
            assertOnTheSourceOpen(state);
            return;
        }
        assertTrue(r.succeeded(), state + ": " + r);
        assertEquals(RunStatus.SUCCEEDED, run.status(), state);
        for (String app : APPS) {
            Application a = appMap.get(app).orElseThrow();
            assertEquals("SITEB", a.activeSite(), state + ": " + app);
            assertEquals(AppStatus.OPEN, a.status(), state + ": " + app);
        }
        assertFalse(r.statesEntered().contains("MigrateRollback"), state + ": the database never rolled back");
        assertNotNull(run.resources().get("s3Copy"), state + ": the copy's outcome recorded " + run.resources());
        assertEquals(10_301L, sites.site(TARGET).sequences.get("orders_id_seq"), "source + buffer");
    }

    private void assertOnTheSourceOpen(String state) {
        for (String app : APPS) {
            Application a = appMap.get(app).orElseThrow();
            assertEquals("SITEA", a.activeSite(), state + ": " + app);
            assertEquals(AppStatus.OPEN, a.status(), state + ": " + app);
        }
    }

    private static TableStatistic loaded(String task, TableName t) {
        return new TableStatistic(task, t.schema(), t.table(), "Table completed", 300L, 0L, 0L, 0L, 0L, "Validated", 0L, 0L, null);
    }

    /** A keyed table with a text column DMS carries as a LOB. */
    private static TableDefinition withLob(TableName name) {
        TableDefinition t = keyed(name);
        List<io.cutover.migrate.ColumnDefinition> columns = new java.util.ArrayList<>(t.columns());
        columns.add(new io.cutover.migrate.ColumnDefinition("note", "text", io.cutover.migrate.ValueKind.STRING, true, false,
                null, true));
        return new TableDefinition(t.name(), columns, t.primaryKey(), t.estimatedRows(), t.bytes());
    }

    private static TableDefinition keyed(TableName name) {
        return MigrationTestData.keyed(name, "id");
    }

    private static Site site(String name, String host) {
        return new Site(name, Engine.POSTGRES, host, 5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf");
    }

    private static RequestStreamHandler handler(String function, MigrationPorts ports) throws ReflectiveOperationException {
        Class<?> type = Class.forName(StepCatalog.require(function, "${" + function + "FunctionArn}").handlerClass());
        for (Constructor<?> c : type.getConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == MigrationPorts.class) {
                return (RequestStreamHandler) c.newInstance(ports);
            }
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Ports.class) {
                return (RequestStreamHandler) c.newInstance(ports.core());
            }
        }
        return (RequestStreamHandler) type.getConstructor().newInstance(); // needs no ports (input validation)
    }
}
