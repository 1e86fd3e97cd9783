package io.cutover.handler.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.json.Json;
import java.util.Map;
import java.util.List;
import io.cutover.run.StepEvent;
import io.cutover.run.RunStatus;
import io.cutover.run.RunRecord;
import io.cutover.failure.StepFailed;
import io.cutover.run.Waiter;
import io.cutover.runbook.Ports;
import io.cutover.testing.TestCloud;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.RecordingCallbacks;
import io.cutover.testing.SampleEvents;
import io.cutover.replication.TaskDescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event handler over a real runs table (DynamoDB Local); RDS and DMS are fakes whose
 * Describe answers the test sets. Events are the sample files of events/.
 */
class ResourceEventHandlerTest {
    static final String REPLICA = "orders-prod-replica";
    static final String TASK_ARN = "arn:aws:dms:eu-west-1:123456789012:task:CUTOVERORDERSCDC7F3A9B2C";
    @RegisterExtension
    static final TestCloud cloud = new TestCloud();

    ResourceEventHandler handler;

    @BeforeEach
    void setUp() {
        handler = new ResourceEventHandler(cloud.ports(Clock.systemUTC()));
        // A clean slate per test: waiters of earlier tests are removed through the port.
        for (String id : new String[]{REPLICA, TASK_ARN, "analytics-prod"}) {
            cloud.runs.waiters(id).forEach(cloud.runs::removeWaiter);
        }
    }

    @Test
    void rdsEventCompletesThePromotionTokenWhenDescribeSaysDone() throws Exception {
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        String token = waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);

        JsonNode out = handle(SampleEvents.load("rds-promotion-available.json"));

        assertEquals(1, out.get("completed").asInt());
        assertEquals(1, cloud.callbacks.completions.size());
        RecordingCallbacks.Completion c = cloud.callbacks.completions.get(0);
        assertEquals(token, c.token());
        assertTrue(c.success());
        assertEquals(REPLICA, Json.mapper().readTree(c.output()).get("resourceId").asText());
        assertTrue(cloud.runs.waiters(REPLICA).isEmpty(), "waiter removed once completed");
    }

    @Test
    void eventWhileStillModifyingDoesNotComplete() throws Exception {
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "modifying"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        handle(SampleEvents.load("rds-replica-rebooted.json"));
        assertTrue(cloud.callbacks.completions.isEmpty());
        assertEquals(1, cloud.runs.waiters(REPLICA).size(), "still waiting");

        // still a replica although available: not promoted yet either
        cloud.instances.put(FakeInstances.replica(REPLICA, "orders-prod", "postgres", "available"));
        handle(SampleEvents.load("rds-replica-rebooted.json"));
        assertTrue(cloud.callbacks.completions.isEmpty());
    }

    @Test
    void duplicateAndLateEventsChangeNothing() throws Exception {
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        ObjectNode event = SampleEvents.load("rds-promotion-available.json");
        handle(event);
        handle(event);                                                  // duplicate
        handle(SampleEvents.load("rds-replica-rebooted.json"));        // late, out of order
        assertEquals(1, cloud.callbacks.completions.size());
        assertEquals(0, cloud.instances.promoteCalls.get(), "events never promote");
    }

    @Test
    void unrelatedEventsChangeNothing() throws Exception {
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        cloud.instances.put(FakeInstances.primary("analytics-prod", "postgres"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        JsonNode out = handle(SampleEvents.load("rds-unrelated-instance.json"));
        assertEquals(0, out.get("completed").asInt());
        assertTrue(cloud.callbacks.completions.isEmpty());
        assertEquals(1, cloud.runs.waiters(REPLICA).size());
    }

    @Test
    void malformedEventsChangeNothingAndDoNotThrow() throws Exception {
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        for (String body : new String[]{"", "not json", "[]", "{\"source\":\"aws.rds\"}",
                "{\"source\":\"aws.rds\",\"detail-type\":\"RDS DB Instance Event\",\"detail\":\"x\"}"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out, null);
            assertEquals(0, Json.mapper().readTree(out.toByteArray()).get("completed").asInt(), body);
        }
        assertTrue(cloud.callbacks.completions.isEmpty());
        assertEquals(1, cloud.runs.waiters(REPLICA).size());
    }

    @Test
    void dmsEventCompletesTheTaskTokenOnlyWhenRunning() throws Exception {
        cloud.replication.tasks.put(TASK_ARN, new TaskDescription(TASK_ARN, "cutover-orders-cdc", "starting", null, null,
                "0/3000100", null));
        String token = waitFor(TASK_ARN, Waiter.WaitKind.TASK_RUNNING);
        handle(SampleEvents.load("dms-task-running.json"));
        assertTrue(cloud.callbacks.completions.isEmpty(), "starting is not running");
        cloud.replication.setTask(TASK_ARN, "running");
        handle(SampleEvents.load("dms-task-running.json"));
        assertEquals(1, cloud.callbacks.completions.size());
        assertEquals(token, cloud.callbacks.completions.get(0).token());
        assertTrue(cloud.callbacks.completions.get(0).success());
    }

    @Test
    void failedTaskFailsTheTokenWithDmsMessage() throws Exception {
        cloud.replication.tasks.put(TASK_ARN, new TaskDescription(TASK_ARN, "cutover-orders-cdc", "failed", null,
                "Replication slot not found", "0/3000100", null));
        waitFor(TASK_ARN, Waiter.WaitKind.TASK_RUNNING);
        handle(SampleEvents.load("dms-task-failed.json"));
        assertEquals(1, cloud.callbacks.completions.size());
        assertFalse(cloud.callbacks.completions.get(0).success());
        assertTrue(cloud.callbacks.completions.get(0).cause().contains("Replication slot not found"));
    }

    @Test
    void eventCompletesEveryWaiterOfTheResourceAndOnlyThoseOfIt() throws Exception {
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        String first = waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        cloud.replication.tasks.put(TASK_ARN, new TaskDescription(TASK_ARN, "t", "running", null, null, null, null));
        waitFor(TASK_ARN, Waiter.WaitKind.TASK_RUNNING);
        handle(SampleEvents.load("rds-promotion-available.json"));
        assertEquals(1, cloud.callbacks.completions.size());
        assertEquals(first, cloud.callbacks.completions.get(0).token());
        assertEquals(1, cloud.runs.waiters(TASK_ARN).size(), "the task waiter is untouched by an RDS event");
    }

    @Test
    void awaitResourceStoresTheTokenDecidesAtOnceAndRecordsTheWaitingState() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        cloud.runs.createRun(new RunRecord(runId, "promote-replica", "orders-prod", REPLICA, "postgres", RunStatus.RUNNING,
                "PromoteReplica", null, Map.of(), List.of(), null, null, null));
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "modifying"));
        AwaitResourceHandler await = new AwaitResourceHandler(cloud.ports(Clock.systemUTC()));
        ObjectNode request = Json.mapper().createObjectNode().put("taskToken", "token-" + runId)
                .put("kind", "PROMOTION_COMPLETE").put("runId", runId).put("resourceId", REPLICA)
                .put("step", "WaitForPromotion");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        await.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(request)), out, null);

        JsonNode registered = Json.mapper().readTree(out.toByteArray());
        assertEquals(REPLICA, registered.get("resourceId").asText());
        assertFalse(registered.get("decidedAtOnce").asBoolean(), "still modifying: the token waits for an event");
        assertEquals(1, cloud.runs.waiters(REPLICA).size());
        RunRecord run = cloud.runs.run(runId).orElseThrow();
        assertEquals("WaitForPromotion", run.currentStep(), "history names the wait state, from $$.State.Name");
        assertEquals(StepEvent.Outcome.WAITING, run.history().get(run.history().size() - 1).outcome());

        // The event comes: Describe says done, the token completes with the awaited section's content.
        cloud.instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        handle(SampleEvents.load("rds-promotion-available.json"));
        JsonNode awaited = Json.mapper().readTree(cloud.callbacks.completions.get(0).output());
        assertEquals("PROMOTION_COMPLETE", awaited.get("kind").asText());
        assertTrue(awaited.hasNonNull("observedAt"));
    }

    @Test
    void awaitResourceWithoutATokenFailsTheStep() {
        AwaitResourceHandler await = new AwaitResourceHandler(cloud.ports(Clock.systemUTC()));
        byte[] request = "{\"kind\":\"TASK_RUNNING\",\"runId\":\"r\",\"resourceId\":\"x\"}".getBytes();
        assertThrows(StepFailed.class, () -> await.handleRequest(new ByteArrayInputStream(request),
                new ByteArrayOutputStream(), null));
    }

    /** Registers a waiter directly in the store, as AwaitResource does before its first decision. */
    private String waitFor(String resourceId, Waiter.WaitKind kind) {
        String token = "token-" + UUID.randomUUID();
        cloud.runs.saveWaiter(new Waiter(resourceId, kind, "run-" + UUID.randomUUID(), token, Instant.now()));
        return token;
    }

    private JsonNode handle(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }
}
