package io.cutover.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.dynamo.Tables;
import io.cutover.json.Json;
import io.cutover.run.Waiter;
import io.cutover.runbook.Ports;
import io.cutover.testing.DynamoDbLocal;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.RecordingCallbacks;
import io.cutover.testing.SampleEvents;
import io.cutover.replication.TaskDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event handler over a real runs table (DynamoDB Local); RDS and DMS are fakes whose
 * Describe answers the test sets. Events are the sample files of events/.
 */
class ResourceEventHandlerTest {
    static final String REPLICA = "orders-prod-replica";
    static final String TASK_ARN = "arn:aws:dms:eu-west-1:123456789012:task:CUTOVERORDERSCDC7F3A9B2C";
    static DynamoDbLocal dynamo;
    static DynamoRunStore runs;

    FakeInstances instances;
    FakeReplication replication;
    RecordingCallbacks callbacks;
    ResourceEventHandler handler;

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDbLocal.start();
        Tables.createRunsTable(dynamo.client(), "runs");
        runs = new DynamoRunStore(dynamo.client(), "runs");
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void setUp() {
        instances = new FakeInstances();
        replication = new FakeReplication();
        callbacks = new RecordingCallbacks();
        handler = new ResourceEventHandler(new Ports(instances, replication, new FakeProbes(), runs, null, callbacks,
                Clock.systemUTC(), new io.cutover.testing.FakeSecrets()));
        // A clean slate per test: waiters of earlier tests are removed through the port.
        for (String id : new String[]{REPLICA, TASK_ARN, "analytics-prod"}) {
            runs.waiters(id).forEach(runs::removeWaiter);
        }
    }

    @Test
    void rdsEventCompletesThePromotionTokenWhenDescribeSaysDone() throws Exception {
        instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        String token = waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);

        JsonNode out = handle(SampleEvents.load("rds-promotion-available.json"));

        assertEquals(1, out.get("completed").asInt());
        assertEquals(1, callbacks.completions.size());
        RecordingCallbacks.Completion c = callbacks.completions.get(0);
        assertEquals(token, c.token());
        assertTrue(c.success());
        assertEquals(REPLICA, Json.mapper().readTree(c.output()).get("resourceId").asText());
        assertTrue(runs.waiters(REPLICA).isEmpty(), "waiter removed once completed");
    }

    @Test
    void eventWhileStillModifyingDoesNotComplete() throws Exception {
        instances.put(FakeInstances.standalone(REPLICA, "postgres", "modifying"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        handle(SampleEvents.load("rds-replica-rebooted.json"));
        assertTrue(callbacks.completions.isEmpty());
        assertEquals(1, runs.waiters(REPLICA).size(), "still waiting");

        // still a replica although available: not promoted yet either
        instances.put(FakeInstances.replica(REPLICA, "orders-prod", "postgres", "available"));
        handle(SampleEvents.load("rds-replica-rebooted.json"));
        assertTrue(callbacks.completions.isEmpty());
    }

    @Test
    void duplicateAndLateEventsChangeNothing() throws Exception {
        instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        ObjectNode event = SampleEvents.load("rds-promotion-available.json");
        handle(event);
        handle(event);                                                  // duplicate
        handle(SampleEvents.load("rds-replica-rebooted.json"));        // late, out of order
        assertEquals(1, callbacks.completions.size());
        assertEquals(0, instances.promoteCalls.get(), "events never promote");
    }

    @Test
    void unrelatedEventsChangeNothing() throws Exception {
        instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        instances.put(FakeInstances.primary("analytics-prod", "postgres"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        JsonNode out = handle(SampleEvents.load("rds-unrelated-instance.json"));
        assertEquals(0, out.get("completed").asInt());
        assertTrue(callbacks.completions.isEmpty());
        assertEquals(1, runs.waiters(REPLICA).size());
    }

    @Test
    void malformedEventsChangeNothingAndDoNotThrow() throws Exception {
        instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        for (String body : new String[]{"", "not json", "[]", "{\"source\":\"aws.rds\"}",
                "{\"source\":\"aws.rds\",\"detail-type\":\"RDS DB Instance Event\",\"detail\":\"x\"}"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out, null);
            assertEquals(0, Json.mapper().readTree(out.toByteArray()).get("completed").asInt(), body);
        }
        assertTrue(callbacks.completions.isEmpty());
        assertEquals(1, runs.waiters(REPLICA).size());
    }

    @Test
    void dmsEventCompletesTheTaskTokenOnlyWhenRunning() throws Exception {
        replication.tasks.put(TASK_ARN, new TaskDescription(TASK_ARN, "cutover-orders-cdc", "starting", null, null,
                "0/3000100", null));
        String token = waitFor(TASK_ARN, Waiter.WaitKind.TASK_RUNNING);
        handle(SampleEvents.load("dms-task-running.json"));
        assertTrue(callbacks.completions.isEmpty(), "starting is not running");
        replication.setTask(TASK_ARN, "running");
        handle(SampleEvents.load("dms-task-running.json"));
        assertEquals(1, callbacks.completions.size());
        assertEquals(token, callbacks.completions.get(0).token());
        assertTrue(callbacks.completions.get(0).success());
    }

    @Test
    void failedTaskFailsTheTokenWithDmsMessage() throws Exception {
        replication.tasks.put(TASK_ARN, new TaskDescription(TASK_ARN, "cutover-orders-cdc", "failed", null,
                "Replication slot not found", "0/3000100", null));
        waitFor(TASK_ARN, Waiter.WaitKind.TASK_RUNNING);
        handle(SampleEvents.load("dms-task-failed.json"));
        assertEquals(1, callbacks.completions.size());
        assertFalse(callbacks.completions.get(0).success());
        assertTrue(callbacks.completions.get(0).cause().contains("Replication slot not found"));
    }

    @Test
    void eventCompletesEveryWaiterOfTheResourceAndOnlyThoseOfIt() throws Exception {
        instances.put(FakeInstances.standalone(REPLICA, "postgres", "available"));
        String first = waitFor(REPLICA, Waiter.WaitKind.PROMOTION_COMPLETE);
        replication.tasks.put(TASK_ARN, new TaskDescription(TASK_ARN, "t", "running", null, null, null, null));
        waitFor(TASK_ARN, Waiter.WaitKind.TASK_RUNNING);
        handle(SampleEvents.load("rds-promotion-available.json"));
        assertEquals(1, callbacks.completions.size());
        assertEquals(first, callbacks.completions.get(0).token());
        assertEquals(1, runs.waiters(TASK_ARN).size(), "the task waiter is untouched by an RDS event");
    }

    /** Registers a waiter directly in the store, as AwaitResource does before its first decision. */
    private String waitFor(String resourceId, Waiter.WaitKind kind) {
        String token = "token-" + UUID.randomUUID();
        runs.saveWaiter(new Waiter(resourceId, kind, "run-" + UUID.randomUUID(), token, Instant.now()));
        return token;
    }

    private JsonNode handle(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }
}
