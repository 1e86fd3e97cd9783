package io.cutover.handler.promote;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.failure.InvalidInput;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.RunRefused;
import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.ReplicaLag;
import io.cutover.replication.ConnectionStatus;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.runbook.Ports;
import io.cutover.testing.TestCloud;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.RecordingCallbacks;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cutover.testing.SampleInputs.REPLICA;
import static io.cutover.testing.SampleInputs.REPLICATION_INSTANCE;
import static io.cutover.testing.SampleInputs.SOURCE;
import static io.cutover.testing.SampleInputs.SOURCE_ENDPOINT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The step handlers called in the state machine's order, as Step Functions would (state in,
 * state out), over real DynamoDB tables (DynamoDB Local). RDS, DMS and the probes are fakes
 * here; the local rehearsal runs the same handlers on real PostgreSQL.
 */
public class PromoteReplicaStepsTest {
    @RegisterExtension
    static final TestCloud cloud = new TestCloud();

    Ports ports;
    String runId;

    @BeforeEach
    void setUp() {
        cloud.instances
                .put(FakeInstances.primary(SOURCE, "postgres"))
                .put(FakeInstances.replica(REPLICA, SOURCE, "postgres", "available"));
        cloud.replication.instanceStatus.put(REPLICATION_INSTANCE, "available");
        cloud.replication.addEndpoint(SOURCE_ENDPOINT, "orders-prod-source", "source");
        cloud.replication.connections.put(REPLICATION_INSTANCE + "|" + SOURCE_ENDPOINT, new ConnectionStatus("successful", null));
        ports = cloud.ports(Clock.systemUTC());
        runId = "run-" + UUID.randomUUID();
        cloud.replication.slotNames.put(SOURCE_ENDPOINT, io.cutover.promote.ResourceNames.slotName(runId));
        for (String app : new String[]{"orders-api", "billing-worker"}) {
            cloud.appMap.put(new Application(app, Map.of(
                    "SITEA", new Site("SITEA", Engine.POSTGRES, SOURCE + ".example.internal", 5432, "orders",
                            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf"),
                    "SITEB", new Site("SITEB", Engine.POSTGRES, REPLICA + ".example.internal", 5432, "orders",
                            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf")),
                    "SITEA", AppStatus.OPEN, null, 0));
        }
        cloud.runs.lockHolder(SOURCE).ifPresent(holder -> cloud.runs.releaseLock(SOURCE, holder));
    }

    @Test
    void happyPathInStateMachineOrder() throws Exception {
        ObjectNode state = startedRun(SampleEvents.load("start-postgres.json"));
        state = call(new PreflightHandler(ports), state);
        assertEquals(REPLICA + ".example.internal", state.at("/instances/replica/host").asText());
        // Before the freeze (issue 13): slot, target endpoint and its test, the task without a position.
        state = call(new PrepareLogicalSlotHandler(ports), state);
        assertEquals(1, cloud.probes.slotsPrepared.size());
        state = call(new CreateTargetEndpointHandler(ports), state);
        String endpointArn = state.at("/target/endpointArn").asText();
        state = call(new TestTargetConnectionHandler(ports), state);
        cloud.replication.connections.put(REPLICATION_INSTANCE + "|" + endpointArn, new ConnectionStatus("successful", null));
        state = call(new CheckTargetConnectionHandler(ports), state);
        assertEquals("successful", state.at("/connection/status").asText());
        state = call(new CreateCdcTaskHandler(ports), state);
        String taskArn = state.at("/task/taskArn").asText();
        assertEquals(null, cloud.replication.createdTasks.get(0).cdcStartPosition(), "created without a position");
        assertEquals("cdc", cloud.replication.createdTasks.get(0).migrationType());
        // Defaults survive the execution-state round trip (an absent mapping is not the string "null").
        assertEquals("include-all", Json.mapper().readTree(cloud.replication.createdTasks.get(0).tableMappingsJson())
                .at("/rules/0/rule-name").asText());
        assertEquals("DO_NOTHING", Json.mapper().readTree(cloud.replication.createdTasks.get(0).settingsJson())
                .at("/FullLoadSettings/TargetTablePrepMode").asText());
        state = call(new CheckLagHandler(ports), state);
        assertTrue(state.at("/lag/ok").asBoolean());
        // Inside the freeze: sync, position, promotion, task start.
        state = call(new FreezeApplicationsHandler(ports), state);
        assertEquals(AppStatus.FROZEN, cloud.appMap.get("orders-api").orElseThrow().status());
        state = call(new CheckReplicaSyncHandler(ports), state);
        assertTrue(state.at("/sync/inSync").asBoolean());
        state = call(new CapturePositionHandler(ports), state);
        assertEquals(1, cloud.probes.slotsPrepared.size(), "the slot made before the freeze stands");
        state = call(new PromoteReplicaHandler(ports), state);
        assertEquals(1, cloud.instances.promoteCalls.get());
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        state = call(new CheckPromotionHandler(ports), state);
        assertTrue(state.at("/promotion/complete").asBoolean());
        state = call(new ResolveStartPositionHandler(ports), state);
        assertEquals("0/3000100", state.at("/position/value").asText());
        cloud.replication.setTask(taskArn, "ready");
        state = call(new StartCdcTaskHandler(ports), state);
        assertEquals(List.of("0/3000100"), cloud.replication.startPositions, "started at the fork LSN");
        assertEquals("0/3000100", state.at("/task/startPosition").asText());
        cloud.replication.setTask(taskArn, "running");
        state = call(new CheckCdcTaskHandler(ports), state);
        assertEquals("running", state.at("/task/status").asText());
        state = call(new ThawApplicationsHandler(ports), state);
        assertEquals(AppStatus.OPEN, cloud.appMap.get("orders-api").orElseThrow().status());
        assertEquals("SITEA", cloud.appMap.get("orders-api").orElseThrow().activeSite(), "still on the source site");
        state = call(new CompleteRunHandler(ports), state);

        RunRecord run = cloud.runs.run(runId).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("0/3000100", run.position());
        assertEquals(endpointArn, run.resources().get("targetEndpointArn"));
        assertEquals(taskArn, run.resources().get("cdcTaskArn"));
        assertTrue(run.history().size() >= 30, "started + succeeded per step: " + run.history().size());
        assertTrue(cloud.runs.lockHolder(SOURCE).isEmpty(), "lock released");
        assertEquals(taskArn, state.at("/result/cdcTaskArn").asText());
    }

    @Test
    void retriedStepsNeverPromoteTwiceNorCreateTwice() throws Exception {
        ObjectNode state = throughCapture();
        ObjectNode promoted = call(new PromoteReplicaHandler(ports), state.deepCopy());
        call(new PromoteReplicaHandler(ports), state.deepCopy());          // a retry with the same input
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        call(new PromoteReplicaHandler(ports), state.deepCopy());          // a retry after promotion finished
        assertEquals(1, cloud.instances.promoteCalls.get());

        ObjectNode s = call(new ResolveStartPositionHandler(ports), promoted);
        ObjectNode withTarget = call(new CreateTargetEndpointHandler(ports), s.deepCopy());
        call(new CreateTargetEndpointHandler(ports), s.deepCopy());
        assertEquals(1, cloud.replication.createdEndpoints.size());
        String endpointArn = withTarget.at("/target/endpointArn").asText();
        cloud.replication.connections.put(REPLICATION_INSTANCE + "|" + endpointArn, new ConnectionStatus("successful", null));
        ObjectNode withTask = call(new CreateCdcTaskHandler(ports), withTarget.deepCopy());
        call(new CreateCdcTaskHandler(ports), withTarget.deepCopy());
        assertEquals(1, cloud.replication.createdTasks.size());
        assertThrows(NotReadyYet.class, () -> call(new StartCdcTaskHandler(ports), withTask.deepCopy()),
                "a task still creating cannot start yet");
        cloud.replication.setTask(withTask.at("/task/taskArn").asText(), "ready");
        call(new StartCdcTaskHandler(ports), withTask.deepCopy());
        call(new StartCdcTaskHandler(ports), withTask.deepCopy());
        assertEquals(1, cloud.replication.startedTasks.size());
    }

    @Test
    void failedConnectionTestStopsTheRunWithDmsMessage() throws Exception {
        ObjectNode state = call(new ResolveStartPositionHandler(ports), promotedRun());
        state = call(new CreateTargetEndpointHandler(ports), state);
        state = call(new TestTargetConnectionHandler(ports), state);
        String endpointArn = state.at("/target/endpointArn").asText();
        cloud.replication.connections.put(REPLICATION_INSTANCE + "|" + endpointArn, new ConnectionStatus("failed",
                "Test connection failed for endpoint 'cutover-x-target': FATAL: password authentication failed"));
        ObjectNode testing = state;
        StepFailed e = assertThrows(StepFailed.class, () -> call(new CheckTargetConnectionHandler(ports), testing));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertEquals(1, cloud.replication.testedEndpoints.size());
    }

    private ObjectNode promotedRun() throws Exception {
        ObjectNode state = call(new PromoteReplicaHandler(ports), throughCapture());
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        return state;
    }

    @Test
    void secondRunOnTheSameSourceIsRefusedAndWritesNothing() throws Exception {
        startedRun(SampleEvents.load("start-postgres.json"));
        String other = "run-" + UUID.randomUUID();
        ObjectNode validated = validate(SampleEvents.load("start-postgres.json"), other);
        RunRefused e = assertThrows(RunRefused.class, () -> call(new AcquireLockHandler(ports), validated));
        assertTrue(e.getMessage().contains("locked by run " + runId), e.getMessage());
        assertTrue(cloud.runs.run(other).isEmpty(), "a refused run leaves no run item");
    }

    @Test
    void badInputIsRejectedBeforeAnyTableIsTouched() throws Exception {
        long before = itemCount();
        ObjectNode input = SampleEvents.load("start-postgres.json");
        ((ObjectNode) input.get("replica")).put("instanceId", SOURCE);
        InvalidInput e = assertThrows(InvalidInput.class, () -> validate(input, runId));
        assertTrue(e.getMessage().contains("replica.instanceId"));
        assertEquals(before, itemCount());
    }

    @Test
    void preflightNamesEveryProblem() throws Exception {
        cloud.instances.put(FakeInstances.replica(REPLICA, "some-other-db", "postgres", "backing-up"));
        cloud.replication.instanceStatus.put(REPLICATION_INSTANCE, "modifying");
        cloud.probes.readiness = new io.cutover.probe.CdcReadiness(false, java.util.List.of("wal_level is replica"));
        cloud.appMap.update(cloud.appMap.get("billing-worker").orElseThrow().frozenBy("someone-else"));
        ObjectNode state = startedRun(SampleEvents.load("start-postgres.json"));
        StepFailed e = assertThrows(StepFailed.class, () -> call(new PreflightHandler(ports), state));
        for (String expected : new String[]{"replica orders-prod-replica is backing-up", "replicates from some-other-db",
                "DMS replication instance is modifying", "wal_level is replica", "billing-worker is already FROZEN by someone-else"}) {
            assertTrue(e.getMessage().contains(expected), () -> "missing '" + expected + "' in " + e.getMessage());
        }
    }

    @Test
    void preflightRequiresThePromotableTagTheDeploymentAsksFor() throws Exception {
        ObjectNode state = startedRun(SampleEvents.load("start-postgres.json"));
        StepFailed e = assertThrows(StepFailed.class,
                () -> call(new PreflightHandler(ports, "cutover:allowed=true"), state));
        assertTrue(e.getMessage().contains("replica orders-prod-replica lacks the tag cutover:allowed=true"), e.getMessage());
        io.cutover.instance.InstanceDescription r = FakeInstances.replica(REPLICA, SOURCE, "postgres", "available");
        cloud.instances.put(new io.cutover.instance.InstanceDescription(r.id(), r.arn(), r.status(), r.engine(),
                r.replicaSourceId(), r.host(), r.port(), r.multiAz(), r.replicaIds(), Map.of("cutover:allowed", "true")));
        call(new PreflightHandler(ports, "cutover:allowed=true"), state);
        call(new PreflightHandler(ports, null), state);
    }

    @Test
    void preflightRequiresThePostgresSourceEndpointToReadTheRunsSlot() throws Exception {
        String expected = io.cutover.promote.ResourceNames.slotName(runId);
        cloud.replication.slotNames.remove(SOURCE_ENDPOINT);
        ObjectNode state = startedRun(SampleEvents.load("start-postgres.json"));
        StepFailed none = assertThrows(StepFailed.class, () -> call(new PreflightHandler(ports), state));
        assertTrue(none.getMessage().contains("SlotName is not set, not " + expected), none.getMessage());
        cloud.replication.slotNames.put(SOURCE_ENDPOINT, "dms_made_this_one");
        StepFailed other = assertThrows(StepFailed.class, () -> call(new PreflightHandler(ports), state));
        assertTrue(other.getMessage().contains("SlotName is dms_made_this_one, not " + expected), other.getMessage());
        cloud.replication.slotNames.put(SOURCE_ENDPOINT, expected);
        call(new PreflightHandler(ports), state);
    }

    @Test
    void oraclePositionIsRefusedWhileTransactionsAreOpen() throws Exception {
        cloud.instances.put(FakeInstances.primary("ledger-prod", "oracle-ee"))
                .put(FakeInstances.replica("ledger-prod-replica", "ledger-prod", "oracle-ee", "available"));
        cloud.appMap.put(new Application("ledger-api", Map.of("SITEA", new Site("SITEA", Engine.ORACLE, "h", 1521, "LEDGER",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:l-AbCdEf")), "SITEA", AppStatus.OPEN, null, 0));
        cloud.replication.instanceStatus.put("arn:aws:dms:eu-west-1:123456789012:rep:LEDGERREPLINSTANCE1", "available");
        cloud.replication.addEndpoint("arn:aws:dms:eu-west-1:123456789012:endpoint:LEDGERPRODSOURCE01", "ledger-source", "source");
        cloud.replication.connections.put("arn:aws:dms:eu-west-1:123456789012:rep:LEDGERREPLINSTANCE1|arn:aws:dms:eu-west-1:123456789012:endpoint:LEDGERPRODSOURCE01",
                new ConnectionStatus("successful", null));
        cloud.runs.lockHolder("ledger-prod").ifPresent(h -> cloud.runs.releaseLock("ledger-prod", h));
        ObjectNode state = startedRun(SampleEvents.load("start-oracle.json"));
        state = call(new PreflightHandler(ports), state);
        state = call(new FreezeApplicationsHandler(ports), state);
        cloud.probes.open = new OpenTransactions(2, "884120");
        cloud.probes.current = "884150";
        cloud.probes.lag = new ReplicaLag(0, 0, "884200", "884200");
        ObjectNode frozen = state;
        NotReadyYet e = assertThrows(NotReadyYet.class, () -> call(new CapturePositionHandler(ports), frozen));
        assertTrue(e.getMessage().contains("2 user transaction(s) open"), e.getMessage());
        cloud.probes.open = new OpenTransactions(0, null);
        cloud.probes.current = "884200";
        state = call(new CapturePositionHandler(ports), state);
        assertEquals("884200", state.at("/position/value").asText());
        assertTrue(cloud.probes.slotsPrepared.isEmpty(), "no slot for Oracle");
        cloud.runs.releaseLock("ledger-prod", runId);
    }

    @Test
    void rollbackAfterPromotionThawsReleasesAndSaysTheReplicaIsStandalone() throws Exception {
        ObjectNode state = throughCapture();
        state = call(new PromoteReplicaHandler(ports), state);
        state.putObject("error").put("Error", "io.cutover.failure.StepFailed")
                .put("Cause", "{\"errorMessage\":\"DMS connection test failed: password authentication failed\",\"errorType\":\"io.cutover.failure.StepFailed\"}");
        ObjectNode out = call(new RollbackHandler(ports), state);
        String cause = out.at("/rollback/cause").asText();
        assertTrue(cause.contains("PromoteReplica failed: DMS connection test failed"), cause);
        assertTrue(cause.contains("is now a standalone instance"), cause);
        assertTrue(cause.contains("Dropped the logical slot " + io.cutover.promote.ResourceNames.slotName(runId)), cause);
        assertEquals("io.cutover.failure.StepFailed", out.at("/rollback/error").asText());
        assertEquals(AppStatus.OPEN, cloud.appMap.get("orders-api").orElseThrow().status());
        assertTrue(cloud.runs.lockHolder(SOURCE).isEmpty());
        RunRecord run = cloud.runs.run(runId).orElseThrow();
        assertEquals(RunStatus.ROLLED_BACK, run.status());
        assertEquals(cause, run.cause());
    }

    @Test
    void rollbackBeforePromotionSaysTheReplicaStillReplicatesAndOnlyThawsItsOwn() throws Exception {
        ObjectNode state = startedRun(SampleEvents.load("start-postgres.json"));
        state = call(new PreflightHandler(ports), state);
        state = call(new FreezeApplicationsHandler(ports), state);
        // another run's freeze of an application not in this run stays
        cloud.appMap.put(new Application("reporting", Map.of("SITEA", new Site("SITEA", Engine.POSTGRES, "h", 5432, "r",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:r-AbCdEf")), "SITEA", AppStatus.FROZEN, "other-run", 0));
        state.putObject("error").put("Error", "States.Timeout").put("Cause", "CheckReplicaSync timed out");
        ObjectNode out = call(new RollbackHandler(ports), state);
        String cause = out.at("/rollback/cause").asText();
        assertTrue(cause.contains("was not promoted"), cause);
        assertEquals(AppStatus.OPEN, cloud.appMap.get("billing-worker").orElseThrow().status());
        assertEquals(AppStatus.FROZEN, cloud.appMap.get("reporting").orElseThrow().status());
        assertFalse(cause.contains("Left in place"), cause);
    }

    private ObjectNode throughCapture() throws Exception {
        ObjectNode state = startedRun(SampleEvents.load("start-postgres.json"));
        state = call(new PreflightHandler(ports), state);
        state = call(new FreezeApplicationsHandler(ports), state);
        state = call(new CheckReplicaSyncHandler(ports), state);
        return call(new CapturePositionHandler(ports), state);
    }

    private ObjectNode startedRun(ObjectNode input) throws Exception {
        return call(new AcquireLockHandler(ports), validate(input, runId));
    }

    private ObjectNode validate(ObjectNode input, String executionName) throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("input", input);
        payload.put("executionName", executionName);
        return call(new ValidateInputHandler(), payload);
    }

    private long itemCount() {
        return cloud.client().scan(ScanRequest.builder().tableName("runs").build()).count()
                + cloud.client().scan(ScanRequest.builder().tableName("appmap").build()).count();
    }

    public static ObjectNode call(RequestStreamHandler handler, ObjectNode state) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(state)), out, null);
        ObjectNode result = (ObjectNode) Json.mapper().readTree(out.toByteArray());
        assertNotNull(result);
        return result;
    }
}
