package io.cutover.handler.switchover;

import io.cutover.testing.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.failure.InvalidInput;
import io.cutover.failure.RunRefused;
import io.cutover.failure.StepFailed;
import io.cutover.failure.TransientFailure;
import io.cutover.input.SwitchoverInput;
import io.cutover.input.SwitchoverInputParser;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.probe.BlockingSession;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.runbook.Ports;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.testing.TestCloud;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeSiteDatabases;
import io.cutover.testing.RecordingCallbacks;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.cutover.testing.SampleInputs.REPLICATION_INSTANCE;
import static io.cutover.testing.SampleInputs.SITE_A_HOST;
import static io.cutover.testing.SampleInputs.SITE_A_SOURCE_ENDPOINT;
import static io.cutover.testing.SampleInputs.SITE_A_TARGET_ENDPOINT;
import static io.cutover.testing.SampleInputs.SITE_B_HOST;
import static io.cutover.testing.SampleInputs.SITE_B_SOURCE_ENDPOINT;
import static io.cutover.testing.SampleInputs.SITE_B_TARGET_ENDPOINT;
import static io.cutover.handler.promote.PromoteReplicaStepsTest.call;
import static io.cutover.testing.TextAssertions.assertContainsEach;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switchover step handlers in the state machine's order, as Step Functions would call them,
 * over real DynamoDB tables (DynamoDB Local). DMS and the two sites are fakes here; the rehearsal
 * runs the same handlers on two real PostgreSQL servers with logical replication both ways.
 */
class SwitchoverStepsTest {
    static final String FORWARD_ARN = "arn:aws:dms:eu-west-1:123456789012:task:ATOB";
    static final String LOOPBACK = "{\"TargetMetadata\":{\"BatchApplyEnabled\":false},\"LoopbackPreventionSettings\":"
            + "{\"EnableLoopbackPrevention\":true,\"SourceSchema\":\"public\",\"TargetSchema\":\"public\"}}";
    @RegisterExtension
    static final TestCloud cloud = new TestCloud();

    FakeSiteDatabases sites;
    MutableClock clock;
    SwitchoverPorts ports;
    String runId;

    @BeforeEach
    void setUp() {
        cloud.replication.instanceStatus.put(REPLICATION_INSTANCE, "available");
        for (String[] e : new String[][]{{SITE_A_SOURCE_ENDPOINT, "a-source", "source"}, {SITE_A_TARGET_ENDPOINT, "a-target", "target"},
                {SITE_B_SOURCE_ENDPOINT, "b-source", "source"}, {SITE_B_TARGET_ENDPOINT, "b-target", "target"}}) {
            cloud.replication.addEndpoint(e[0], e[1], e[2]);
            cloud.replication.connections.put(REPLICATION_INSTANCE + "|" + e[0], new ConnectionStatus("successful", null));
        }
        cloud.replication.slotNames.put(SITE_A_SOURCE_ENDPOINT, "cutover_orders_a");
        cloud.replication.slotNames.put(SITE_B_SOURCE_ENDPOINT, "cutover_orders_b");
        cloud.replication.tasks.put(FORWARD_ARN, new TaskDescription(FORWARD_ARN, "orders-a-to-b", "running", null, null, "0/100", null));
        cloud.replication.settings.put(FORWARD_ARN, LOOPBACK);
        cloud.probes.current = "0/5000000";
        sites = new FakeSiteDatabases();
        sites.flow(SITE_A_HOST, SITE_B_HOST, true); // the forward task cloud.runs
        sites.site(SITE_A_HOST).tables.add("heartbeat");
        sites.site(SITE_B_HOST).tables.add("heartbeat");
        sites.site(SITE_A_HOST).sequences.put("orders_id_seq", 501L);
        sites.site(SITE_B_HOST).sequences.put("orders_id_seq", 1L);
        sites.site(SITE_B_HOST).replicationRole = "replica";
        clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        ports = new SwitchoverPorts(cloud.ports(clock), sites);
        runId = "switch-" + UUID.randomUUID();
        for (String app : new String[]{"orders-api", "billing-worker"}) {
            cloud.appMap.put(new Application(app, Map.of(
                    "SITEA", new Site("SITEA", Engine.POSTGRES, SITE_A_HOST, 5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf"),
                    "SITEB", new Site("SITEB", Engine.POSTGRES, SITE_B_HOST, 5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf")),
                    "SITEA", AppStatus.OPEN, null, 0));
        }
        String lock = SwitchoverInputParser.parse(SampleEvents.load("start-switchover.json")).lockId();
        cloud.runs.lockHolder(lock).ifPresent(holder -> cloud.runs.releaseLock(lock, holder));
    }

    @Test
    void switchoverInStateMachineOrder() throws Exception {
        ObjectNode state = started(SampleEvents.load("start-switchover.json"), runId);
        state = call(new SwitchoverPreflightHandler(ports), state);
        assertEquals(FORWARD_ARN, state.at("/preflight/forwardTaskArn").asText());
        assertEquals("absent", state.at("/preflight/backwardTaskStatus").asText());
        // Before the freeze: the slot and the task, created without a position.
        state = call(new CreateBackwardTaskHandler(ports), state);
        TaskSpec spec = cloud.replication.createdTasks.get(0);
        assertEquals("orders-b-to-a", spec.identifier());
        assertEquals(SITE_B_SOURCE_ENDPOINT, spec.sourceEndpointArn(), "reads SITEB");
        assertEquals(SITE_A_TARGET_ENDPOINT, spec.targetEndpointArn(), "writes SITEA");
        assertEquals("cdc", spec.migrationType());
        assertNull(spec.cdcStartPosition(), "the position is given when the task starts, inside the freeze");
        assertEquals(java.util.List.of("cutover_orders_b"), cloud.probes.slotsPrepared);
        assertTrue(spec.settingsJson().contains("\"EnableLoopbackPrevention\":true"), spec.settingsJson());
        assertNull(cloud.appMap.get("orders-api").orElseThrow().frozenBy(), "nothing frozen yet");
        String backwardArn = state.at("/backward/taskArn").asText();
        assertEquals("creating", state.at("/backward/status").asText());
        cloud.replication.setTask(backwardArn, "ready");
        state = call(new CreateBackwardTaskHandler(ports), state); // asked again after the Wait: found, not recreated
        assertEquals(1, cloud.replication.createdTasks.size());
        assertEquals("ready", state.at("/backward/status").asText());
        assertTrue(state.at("/backward/created").asBoolean(), "still made by this run");
        assertEquals("cutover_orders_b", state.at("/backward/slotName").asText());
        state = call(new CheckForwardLatencyHandler(ports), state);
        assertTrue(state.at("/latency/ok").asBoolean());
        state = call(new FreezeForSwitchoverHandler(ports), state);
        assertEquals(AppStatus.FROZEN, cloud.appMap.get("orders-api").orElseThrow().status());
        state = call(new DrainHandler(ports), state);
        assertTrue(state.at("/drain/drained").asBoolean());
        assertEquals(0, state.at("/drain/heartbeatBaseline").asLong());
        state = call(new SyncSequencesHandler(ports), state);
        assertEquals(10_501L, sites.site(SITE_B_HOST).sequences.get("orders_id_seq"), "A's next value 501 + buffer 10000");
        assertEquals(1, state.at("/sequences/advanced").asInt());
        state = call(new RestoreReplicationRoleHandler(ports), state);
        assertEquals("replica", state.at("/role/before").asText());
        assertEquals("origin", sites.site(SITE_B_HOST).replicationRole);
        cloud.probes.current = "0/5000AB0"; // SITEB after the drain
        state = call(new StartBackwardTaskHandler(ports), state);
        assertEquals(java.util.List.of(backwardArn), cloud.replication.startedTasks);
        assertEquals("0/5000AB0", cloud.replication.startPositionByTask.get(backwardArn), "SITEB's position taken inside the freeze");
        assertEquals("0/5000AB0", state.at("/backward/position").asText());
        assertEquals("0/5000AB0", cloud.runs.run(runId).orElseThrow().position());
        cloud.replication.setTask(backwardArn, "running");
        sites.flow(SITE_B_HOST, SITE_A_HOST, true);
        state = call(new CheckBackwardTaskHandler(ports), state);
        assertEquals("running", state.at("/backward/status").asText());
        state = call(new RouteApplicationsHandler(ports), state);
        assertEquals("SITEB", cloud.appMap.get("orders-api").orElseThrow().activeSite());
        assertEquals(AppStatus.FROZEN, cloud.appMap.get("orders-api").orElseThrow().status(), "routed while frozen");
        clock.advance(Duration.ofMillis(2500));
        state = call(new ThawAfterSwitchoverHandler(ports), state);
        assertEquals(AppStatus.OPEN, cloud.appMap.get("orders-api").orElseThrow().status());
        assertEquals(2.5, state.at("/thaw/freezeWindowSeconds").asDouble());
        sites.heartbeat(SITE_B_HOST, 1_000_000_001L, "SITEB"); // the application writes on SITEB; the backward task carries it
        state = call(new VerifyBackwardFlowHandler(ports), state);
        assertTrue(state.at("/verify/verified").asBoolean());
        assertEquals(1_000_000_001L, state.at("/verify/heartbeatId").asLong());
        state = call(new CompleteSwitchoverHandler(ports), state);

        assertEquals("SITEB", state.at("/result/activeSite").asText());
        assertTrue(state.at("/result/backwardTaskCreated").asBoolean());
        RunRecord run = cloud.runs.run(runId).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("switchover", run.runbook());
        assertEquals(backwardArn, run.resources().get("backwardTaskArn"));
        assertTrue(cloud.runs.lockHolder(input().lockId()).isEmpty(), "lock released");
    }

    @Test
    void failbackReusesTheRunningTaskOfTheOtherDirection() throws Exception {
        String backArn = "arn:aws:dms:eu-west-1:123456789012:task:BTOA";
        cloud.replication.tasks.put(backArn, new TaskDescription(backArn, "orders-b-to-a", "running", null, null, "0/200", null));
        cloud.replication.settings.put(backArn, LOOPBACK);
        sites.flow(SITE_B_HOST, SITE_A_HOST, true);
        for (String app : new String[]{"orders-api", "billing-worker"}) {
            cloud.appMap.update(cloud.appMap.get(app).orElseThrow().routedTo("SITEB"));
        }
        ObjectNode input = SampleEvents.load("start-switchover.json");
        input.put("direction", "B_TO_A");
        ObjectNode state = started(input, runId);
        state = call(new SwitchoverPreflightHandler(ports), state);
        assertEquals(backArn, state.at("/preflight/forwardTaskArn").asText(), "B_TO_A is forward now");
        assertEquals(FORWARD_ARN, state.at("/preflight/backwardTaskArn").asText());
        state = call(new CreateBackwardTaskHandler(ports), state);
        state = call(new StartBackwardTaskHandler(ports), state);
        assertEquals(0, cloud.replication.createdTasks.size(), "no second A->B task");
        assertEquals(0, cloud.replication.startedTasks.size(), "a running task is left alone");
        assertTrue(cloud.probes.slotsPrepared.isEmpty());
        assertFalse(state.at("/backward/created").asBoolean());
    }

    @Test
    void preflightNamesEveryProblem() throws Exception {
        cloud.replication.setTask(FORWARD_ARN, "stopped");
        cloud.replication.settings.put(FORWARD_ARN, "{\"TargetMetadata\":{\"BatchApplyEnabled\":true}}");
        sites.site(SITE_B_HOST).tables.remove("cutover_sentinel");
        cloud.replication.slotNames.remove(SITE_B_SOURCE_ENDPOINT);
        cloud.appMap.update(cloud.appMap.get("billing-worker").orElseThrow().routedTo("SITEB"));
        String reporting = cloud.replication.createTask(new TaskSpec("reporting-from-b", REPLICATION_INSTANCE, SITE_B_SOURCE_ENDPOINT, SITE_A_TARGET_ENDPOINT, "cdc", "{}",
                "{}", null, "dba")).arn();
        ObjectNode state = started(SampleEvents.load("start-switchover.json"), runId);
        StepFailed e = assertThrows(StepFailed.class, () -> call(new SwitchoverPreflightHandler(ports), state));
        cloud.replication.tasks.remove(reporting);
        cloud.replication.taskEndpoints.remove(reporting);
        assertContainsEach(e.getMessage(),
                "sites.SITEB.sourceEndpointArn is already used by task(s) reporting-from-b (creating): they read"
                        + " slot cutover_orders_b too, and a logical slot has one reader",
                "forward task orders-a-to-b is stopped, not running", "orders-a-to-b has no LoopbackPreventionSettings",
                "BatchApplyEnabled=true", "SITEB has no table public.cutover_sentinel",
                "application billing-worker is active on SITEB, not on SITEA",
                "sites.SITEB.sourceEndpointArn must read slot cutover_orders_b (sites.SITEB.slotName) with dms.postgresPlugin test_decoding: SlotName is not set, not cutover_orders_b");
    }

    @Test
    void aSecondRunOnThePairIsRefusedEvenInTheOtherDirection() throws Exception {
        started(SampleEvents.load("start-switchover.json"), runId);
        ObjectNode failback = SampleEvents.load("start-switchover.json");
        failback.put("direction", "B_TO_A");
        String other = "failback-" + UUID.randomUUID();
        RunRefused e = assertThrows(RunRefused.class, () -> started(failback, other));
        assertTrue(e.getMessage().contains(runId), e.getMessage());
        assertTrue(cloud.runs.run(other).isEmpty(), "the refused run wrote no run item");
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        ObjectNode input = SampleEvents.load("start-switchover.json");
        input.put("sequenceBuffer", "lots");
        InvalidInput e = assertThrows(InvalidInput.class, () -> validate(input, runId));
        assertTrue(e.getMessage().contains("sequenceBuffer"), e.getMessage());
    }

    @Test
    void drainWaitsThenFailsWhenTheForwardTaskStopsApplying() throws Exception {
        ObjectNode state = call(new FreezeForSwitchoverHandler(ports), started(SampleEvents.load("start-switchover.json"), runId));
        sites.flow(SITE_A_HOST, SITE_B_HOST, false);
        ((ObjectNode) state.at("/input/limits")).put("drainWaitSeconds", 1); // bounds the in-call wait too
        ObjectNode first = call(new DrainHandler(ports), state);
        assertFalse(first.at("/drain/drained").asBoolean(), "not yet: the state machine waits and asks again");
        clock.advance(Duration.ofSeconds(2));
        StepFailed e = assertThrows(StepFailed.class, () -> call(new DrainHandler(ports), first));
        assertTrue(e.getMessage().contains("drain: the sentinel written on SITEA"), e.getMessage());
        assertTrue(e.getMessage().contains("forward task orders-a-to-b is not applying"), e.getMessage());
    }

    @Test
    void serverWideReplicaRoleFailsTheStepWithTheFix() throws Exception {
        sites.site(SITE_B_HOST).roleSetServerWide = true;
        ObjectNode state = started(SampleEvents.load("start-switchover.json"), runId);
        StepFailed e = assertThrows(StepFailed.class, () -> call(new RestoreReplicationRoleHandler(ports), state));
        assertTrue(e.getMessage().contains("set it to origin in the DB parameter group"), e.getMessage());
    }

    @Test
    void rollbackAfterTheThawFreezesRoutesBackSyncsSequencesAndThaws() throws Exception {
        ObjectNode state = started(SampleEvents.load("start-switchover.json"), runId);
        state = call(new FreezeForSwitchoverHandler(ports), state);
        state = call(new SyncSequencesHandler(ports), state);
        state = call(new RouteApplicationsHandler(ports), state);
        state = call(new ThawAfterSwitchoverHandler(ports), state);
        sites.site(SITE_B_HOST).sequences.put("orders_id_seq", 10_600L); // the applications used SITEB's sequence
        state.putObject("error").put("Error", "io.cutover.failure.StepFailed")
                .put("Cause", "{\"errorMessage\":\"VerifyBackwardFlow: writes on SITEB do not reach SITEA\"}");
        ObjectNode out = call(new SwitchoverRollbackHandler(ports), state);

        for (String app : new String[]{"orders-api", "billing-worker"}) {
            Application a = cloud.appMap.get(app).orElseThrow();
            assertEquals("SITEA", a.activeSite(), app);
            assertEquals(AppStatus.OPEN, a.status(), app);
            assertNull(a.frozenBy());
        }
        assertEquals(20_600L, sites.site(SITE_A_HOST).sequences.get("orders_id_seq"), "SITEA past SITEB's 10600 + buffer");
        String cause = out.at("/rollback/cause").asText();
        assertContainsEach(cause, "writes on SITEB do not reach SITEA", "They had written on SITEB since",
                "sequences on SITEA were set past SITEB's");
        assertEquals(RunStatus.ROLLED_BACK, cloud.runs.run(runId).orElseThrow().status());
        assertTrue(cloud.runs.lockHolder(input().lockId()).isEmpty());
    }

    @Test
    void rollbackBeforeRoutingOnlyThaws() throws Exception {
        ObjectNode state = call(new FreezeForSwitchoverHandler(ports), started(SampleEvents.load("start-switchover.json"), runId));
        state.putObject("error").put("Error", "io.cutover.failure.StepFailed").put("Cause", "Drain: boom");
        ObjectNode out = call(new SwitchoverRollbackHandler(ports), state);
        assertEquals(AppStatus.OPEN, cloud.appMap.get("orders-api").orElseThrow().status());
        assertEquals("SITEA", cloud.appMap.get("orders-api").orElseThrow().activeSite());
        assertEquals(501L, sites.site(SITE_A_HOST).sequences.get("orders_id_seq"), "no sequence touched");
        assertTrue(out.at("/rollback/cause").asText().contains("routed back: none needed"), out.toString());
    }

    @Test
    void rollbackBeforeTheFreezeSaysNothingWasFrozen() throws Exception {
        ObjectNode state = call(new SwitchoverPreflightHandler(ports), started(SampleEvents.load("start-switchover.json"), runId));
        state = call(new CreateBackwardTaskHandler(ports), state);
        state.putObject("error").put("Error", "io.cutover.failure.StepFailed").put("Cause", "CheckForwardLatency: boom");
        String cause = call(new SwitchoverRollbackHandler(ports), state).at("/rollback/cause").asText();
        // What was made is named, and how to remove it.
        assertContainsEach(cause, "Nothing was frozen: the run failed before the freeze", "backwardSlot=SITEB:cutover_orders_b",
                "./cleanup " + runId + " --stop-tasks --execute removes what this run made");
        Map<String, String> made = cloud.runs.run(runId).orElseThrow().resources();
        assertEquals(SITE_B_HOST + ":5432/orders", made.get("backwardSlotSource"), "where ./cleanup finds the slot: " + made);
        assertEquals("arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/orders-b-admin-Ef34Gh",
                made.get("backwardSlotSecretArn"));
        assertEquals(SITE_B_SOURCE_ENDPOINT, made.get("backwardSourceEndpointArn"), "the endpoint whose SlotName it is");
        assertEquals(AppStatus.OPEN, cloud.appMap.get("orders-api").orElseThrow().status());

        ObjectNode frozen = call(new FreezeForSwitchoverHandler(ports), started(SampleEvents.load("start-switchover.json"), runId + "-2"));
        frozen.putObject("error").put("Error", "io.cutover.failure.StepFailed").put("Cause", "Drain: boom");
        String after = call(new SwitchoverRollbackHandler(ports), frozen).at("/rollback/cause").asText();
        assertFalse(after.contains("Nothing was frozen"), after);
    }

    /**
     * The to-site is busy (DMS applies to it): a transaction still open after the probe's grace
     * makes the step retried by the state machine (TransientFailure), naming it, with nothing
     * created; once it ends the slot and the task are made.
     */
    @Test
    void aTransactionOpenOnTheToSiteIsRetriedNotTheRunsEnd() throws Exception {
        ObjectNode state = call(new SwitchoverPreflightHandler(ports), started(SampleEvents.load("start-switchover.json"), runId));
        cloud.probes.slotBlockers = java.util.List.of(new BlockingSession(4242, "dms_apply", "dms", "2026-11-30T10:00:00Z",
                "active"));
        TransientFailure e = assertThrows(TransientFailure.class, () -> call(new CreateBackwardTaskHandler(ports), state));
        assertTrue(e.getMessage().contains("pid 4242") && e.getMessage().contains("the step is retried"), e.getMessage());
        assertTrue(cloud.probes.slotsPrepared.isEmpty());
        assertTrue(cloud.replication.tasks.values().stream().noneMatch(t -> t.identifier().equals("orders-b-to-a")),
                "no task made while the slot waits");

        cloud.probes.slotBlockers = java.util.List.of();
        ObjectNode created = call(new CreateBackwardTaskHandler(ports), state);
        assertEquals(java.util.List.of("cutover_orders_b"), cloud.probes.slotsPrepared);
        assertTrue(created.at("/backward/created").asBoolean(), created.toString());
    }

    @Test
    void aBackwardTaskThatFailedWhileCreatingEndsTheRunBeforeTheFreeze() throws Exception {
        ObjectNode state = call(new CreateBackwardTaskHandler(ports),
                call(new SwitchoverPreflightHandler(ports), started(SampleEvents.load("start-switchover.json"), runId)));
        cloud.replication.setTask(state.at("/backward/taskArn").asText(), "failed");
        StepFailed e = assertThrows(StepFailed.class, () -> call(new CreateBackwardTaskHandler(ports), state));
        assertTrue(e.getMessage().contains("backward task orders-b-to-a failed"), e.getMessage());
    }

    private SwitchoverInput input() {
        return SwitchoverInputParser.parse(SampleEvents.load("start-switchover.json"));
    }

    private ObjectNode started(ObjectNode input, String executionName) throws Exception {
        return call(new SwitchoverAcquireLockHandler(ports), validate(input, executionName));
    }

    private static ObjectNode validate(ObjectNode input, String executionName) throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("input", input);
        payload.put("executionName", executionName);
        return call(new SwitchoverValidateInputHandler(), payload);
    }

}
