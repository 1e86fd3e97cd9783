package io.cutover.dynamo;

import io.cutover.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.run.LockHeldException;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.StepEvent;
import io.cutover.run.StepEvent.Outcome;
import io.cutover.run.Waiter;
import io.cutover.run.Waiter.WaitKind;
import io.cutover.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoRunStoreTest {

    private static final String TABLE = "runs";
    /** Now, not a fixed date: waiters expire by TTL (T0 + 7 days) and DynamoDB Local deletes expired items. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static DynamoDbLocal ddb;
    private static DynamoDbClient client;

    private final MutableClock clock = new MutableClock(T0);
    private final DynamoRunStore store = new DynamoRunStore(client, TABLE, clock);

    @BeforeAll
    static void startDynamo() {
        ddb = DynamoDbLocal.start();
        client = ddb.client(java.util.List.of(new io.cutover.testing.ApiModelCheck("dynamodb-2012-08-10")));
        Tables.createRunsTable(client, TABLE);
    }

    @AfterAll
    static void stopDynamo() {
        ddb.close();
    }

    // --- lock ---

    @Test
    void lockIsHeldByOneRunAndReleasedOnlyByIt() {
        String source = unique("db");

        store.acquireLock(source, "run-1");
        assertEquals("run-1", store.lockHolder(source).orElseThrow());

        store.acquireLock(source, "run-1"); // a retried step re-acquires its own lock

        LockHeldException refused = assertThrows(LockHeldException.class, () -> store.acquireLock(source, "run-2"));
        assertEquals("run-1", refused.holderRunId());
        assertTrue(refused.getMessage().contains(source), refused.getMessage());

        assertFalse(store.releaseLock(source, "run-2"), "only the holder releases");
        assertEquals("run-1", store.lockHolder(source).orElseThrow());

        assertTrue(store.releaseLock(source, "run-1"));
        assertTrue(store.lockHolder(source).isEmpty());
        assertFalse(store.releaseLock(source, "run-1"), "a second release finds nothing");

        store.acquireLock(source, "run-2");
        assertEquals("run-2", store.lockHolder(source).orElseThrow());
    }

    @Test
    void locksOfDifferentSourcesAreIndependent() {
        String a = unique("db-a");
        String b = unique("db-b");
        store.acquireLock(a, "run-1");
        store.acquireLock(b, "run-2");
        assertEquals("run-1", store.lockHolder(a).orElseThrow());
        assertEquals("run-2", store.lockHolder(b).orElseThrow());
    }

    @Test
    void concurrentAcquireHasExactlyOneWinner() throws Exception {
        String source = unique("db");
        int n = 12;
        var outcomes = Concurrently.run(n, i -> () -> {
            store.acquireLock(source, "run-" + i);
            return "run-" + i;
        });

        List<String> winners = outcomes.stream().filter(o -> o.failure() == null).map(Concurrently.Outcome::value).toList();
        assertEquals(1, winners.size(), "winners: " + winners);
        String winner = winners.get(0);
        assertEquals(winner, store.lockHolder(source).orElseThrow());
        for (var outcome : outcomes) {
            if (outcome.failure() == null) continue;
            LockHeldException refused = assertInstanceOf(LockHeldException.class, outcome.failure());
            assertEquals(winner, refused.holderRunId());
        }
    }

    // --- run item ---

    @Test
    void createRunTwiceKeepsTheFirst() {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));
        store.createRun(newRun(runId, "switchover"));

        RunRecord stored = store.run(runId).orElseThrow();
        assertEquals("promote-replica", stored.runbook());
        assertEquals(RunStatus.RUNNING, stored.status());
        assertEquals("orders-primary", stored.sourceId());
        assertEquals("orders-replica", stored.replicaId());
        assertEquals("postgres", stored.engine());
        assertEquals(T0, stored.createdAt());
        assertEquals(Map.of(), stored.resources());
        assertEquals(List.of(), stored.history());
    }

    @Test
    void createRunStampsCreatedAtWhenMissing() {
        String runId = unique("run");
        clock.set(T0.plusSeconds(42));
        store.createRun(new RunRecord(runId, "promote-replica", "src", null, "oracle", RunStatus.RUNNING,
                null, null, null, null, null, null, null));
        RunRecord stored = store.run(runId).orElseThrow();
        assertEquals(T0.plusSeconds(42), stored.createdAt());
        assertEquals(T0.plusSeconds(42), stored.updatedAt());
        assertNull(stored.replicaId());
    }

    @Test
    void unknownRunIsEmpty() {
        assertTrue(store.run(unique("nope")).isEmpty());
    }

    @Test
    void stepHistoryKeepsOrderAndTimestamps() {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));
        List<StepEvent> events = List.of(
                new StepEvent("CheckLag", Outcome.STARTED, T0.plusMillis(1), null),
                new StepEvent("CheckLag", Outcome.SUCCEEDED, T0.plusMillis(1500), "lag 0.2 s"),
                new StepEvent("Promote", Outcome.WAITING, T0.plusSeconds(90), "waiting for orders-replica"));
        events.forEach(e -> store.recordStep(runId, e));

        RunRecord stored = store.run(runId).orElseThrow();
        assertEquals(events, stored.history());
        assertEquals("Promote", stored.currentStep());
        assertEquals(T0.plusSeconds(90), stored.updatedAt());
    }

    @Test
    void aStepsStartAndOutcomeGoInOneWriteInOrder() {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));
        store.recordStep(runId, new StepEvent("CheckLag", Outcome.SUCCEEDED, T0, "lag 0.2 s"));
        List<StepEvent> promote = List.of(
                new StepEvent("Promote", Outcome.STARTED, T0.plusSeconds(1), null),
                new StepEvent("Promote", Outcome.WAITING, T0.plusSeconds(2), "waiting for orders-replica"));
        store.recordSteps(runId, promote);

        RunRecord stored = store.run(runId).orElseThrow();
        assertEquals(List.of(new StepEvent("CheckLag", Outcome.SUCCEEDED, T0, "lag 0.2 s"), promote.get(0), promote.get(1)),
                stored.history());
        assertEquals("Promote", stored.currentStep());
        assertEquals(T0.plusSeconds(2), stored.updatedAt(), "the last line's time");
        assertThrows(IllegalArgumentException.class, () -> store.recordSteps(runId, List.of()));
        assertEquals(3, store.run(runId).orElseThrow().history().size(), "an empty write changes nothing");
    }

    @Test
    void concurrentStepsAreAllKept() throws Exception {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));
        int n = 8;
        Concurrently.run(n, i -> () -> {
            store.recordStep(runId, new StepEvent("Step" + i, Outcome.SUCCEEDED, T0.plusSeconds(i), null));
            return null;
        }).forEach(o -> assertNull(o.failure()));

        List<StepEvent> history = store.run(runId).orElseThrow().history();
        assertEquals(n, history.size(), "list_append must not lose concurrent lines: " + history);
    }

    @Test
    void resourcesPositionAndFinish() {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));

        clock.set(T0.plusSeconds(10));
        store.recordResource(runId, "targetEndpointArn", "arn:aws:dms:us-east-1:1:endpoint:AAA");
        store.recordResource(runId, "cdcTaskArn", "arn:aws:dms:us-east-1:1:task:BBB");
        store.recordResource(runId, "targetEndpointArn", "arn:aws:dms:us-east-1:1:endpoint:CCC");
        clock.set(T0.plusSeconds(20));
        store.recordPosition(runId, "4AF/B00000D0");

        RunRecord stored = store.run(runId).orElseThrow();
        assertEquals(Map.of("targetEndpointArn", "arn:aws:dms:us-east-1:1:endpoint:CCC",
                "cdcTaskArn", "arn:aws:dms:us-east-1:1:task:BBB"), stored.resources());
        assertEquals("4AF/B00000D0", stored.position());
        assertEquals(T0.plusSeconds(20), stored.updatedAt());
        assertEquals(T0, stored.createdAt());

        clock.set(T0.plusSeconds(30));
        store.finish(runId, RunStatus.ROLLED_BACK, "promotion timed out");
        stored = store.run(runId).orElseThrow();
        assertEquals(RunStatus.ROLLED_BACK, stored.status());
        assertEquals("promotion timed out", stored.cause());
        assertEquals(T0.plusSeconds(30), stored.updatedAt());

        store.finish(runId, RunStatus.SUCCEEDED, null);
        stored = store.run(runId).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, stored.status());
        assertNull(stored.cause());
        assertEquals(2, stored.resources().size(), "finish keeps the resources");
    }

    @Test
    void severalResourcesInOneWrite() {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));
        store.recordResource(runId, "logicalSlot", "old_slot");
        store.recordResource(runId, "cdcTaskArn", "arn:aws:dms:us-east-1:1:task:BBB");
        List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        clock.set(T0.plusSeconds(10));
        // Roles that would break an expression written out: they travel as attribute names.
        new DynamoRunStore(ddb.client(List.of(recording)), TABLE, clock).recordResources(runId, Map.of(
                "logicalSlot", "cutover_run_1", "logicalSlotSource", "orders.example:5432/orders", "odd.role #name", "v :x"));
        assertEquals(List.of("UpdateItem"), operations);
        RunRecord stored = store.run(runId).orElseThrow();
        assertEquals(Map.of("logicalSlot", "cutover_run_1", "logicalSlotSource", "orders.example:5432/orders",
                "odd.role #name", "v :x", "cdcTaskArn", "arn:aws:dms:us-east-1:1:task:BBB"), stored.resources());
        assertEquals(T0.plusSeconds(10), stored.updatedAt());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> store.recordResources(runId, Map.of()));
        assertTrue(empty.getMessage().contains(runId), empty.getMessage());
        Map<String, String> noValue = new java.util.HashMap<>(Map.of("cdcTaskArn", "changed"));
        noValue.put("targetEndpointArn", null);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> store.recordResources(runId, noValue));
        assertTrue(missing.getMessage().contains("targetEndpointArn"), missing.getMessage());
        assertEquals(stored.resources(), store.run(runId).orElseThrow().resources(), "a refused write changes nothing");
    }

    @Test
    void updatesOfAnUnknownRunFailAndCreateNothing() {
        String runId = unique("ghost");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.recordStep(runId, new StepEvent("X", Outcome.STARTED, T0, null)));
        assertTrue(e.getMessage().contains(runId), e.getMessage());
        assertThrows(IllegalStateException.class, () -> store.recordResource(runId, "r", "v"));
        assertThrows(IllegalStateException.class, () -> store.recordResources(runId, Map.of("r", "v", "s", "w")));
        assertThrows(IllegalStateException.class, () -> store.recordPosition(runId, "1"));
        assertThrows(IllegalStateException.class, () -> store.finish(runId, RunStatus.SUCCEEDED, null));
        assertTrue(store.run(runId).isEmpty());
    }

    @Test
    void badRunItemNamesTheRunAndTheAttribute() {
        String runId = unique("run");
        store.createRun(newRun(runId, "promote-replica"));
        client.updateItem(r -> r.tableName(TABLE).key(RunItems.key(runId))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PAUSED"))));

        BadItemException e = assertThrows(BadItemException.class, () -> store.run(runId));
        assertTrue(e.getMessage().contains(runId), e.getMessage());
        assertTrue(e.getMessage().contains("status"), e.getMessage());
        assertTrue(e.getMessage().contains("PAUSED"), e.getMessage());
    }

    // --- waiters ---

    @Test
    void waitersAreSavedReplacedQueriedAndRemoved() {
        String resource = unique("orders-replica");
        Waiter promotion = new Waiter(resource, WaitKind.PROMOTION_COMPLETE, "run-1", "token-1", T0);
        Waiter task = new Waiter(resource, WaitKind.TASK_RUNNING, "run-1", "token-2", T0.plusSeconds(5));
        Waiter elsewhere = new Waiter(unique("other"), WaitKind.PROMOTION_COMPLETE, "run-1", "token-3", T0);
        store.saveWaiter(promotion);
        store.saveWaiter(task);
        store.saveWaiter(elsewhere);

        assertEquals(List.of(promotion, task), sorted(store.waiters(resource)));

        Waiter retried = new Waiter(resource, WaitKind.PROMOTION_COMPLETE, "run-1", "token-1b", T0.plusSeconds(60));
        store.saveWaiter(retried);
        assertEquals(List.of(retried, task), sorted(store.waiters(resource)), "a retried wait replaces the token");

        assertFalse(store.removeWaiter(promotion), "the old token no longer completes");
        assertTrue(store.removeWaiter(retried));
        assertFalse(store.removeWaiter(retried), "removed once only");
        assertEquals(List.of(task), store.waiters(resource));
        assertEquals(List.of(elsewhere), store.waiters(elsewhere.resourceId()));
        assertEquals(List.of(), store.waiters(unique("nobody")));
    }

    @Test
    void longTaskTokensAndTimeToLive() {
        String resource = unique("arn:aws:dms:us-east-1:123456789012:task:ABC");
        String token = "A".repeat(4000); // real tokens exceed the 2 KB partition key limit
        Waiter waiter = new Waiter(resource, WaitKind.TASK_RUNNING, "run-1", token, T0);
        store.saveWaiter(waiter);

        assertEquals(List.of(waiter), store.waiters(resource));
        Map<String, AttributeValue> raw = client.getItem(r -> r.tableName(TABLE).key(WaiterItems.key(waiter))).item();
        assertEquals(Long.toString(T0.plus(Duration.ofDays(7)).getEpochSecond()), raw.get(Tables.RUNS_TTL).n());
        assertTrue(store.removeWaiter(waiter));
    }

    @Test
    void concurrentRemoversHaveExactlyOneWinner() throws Exception {
        Waiter waiter = new Waiter(unique("orders-replica"), WaitKind.PROMOTION_COMPLETE, "run-1", "token-x", T0);
        store.saveWaiter(waiter);

        var outcomes = Concurrently.run(10, i -> () -> store.removeWaiter(waiter));

        outcomes.forEach(o -> assertNull(o.failure()));
        assertEquals(1, outcomes.stream().filter(o -> o.value()).count());
        assertEquals(List.of(), store.waiters(waiter.resourceId()));
    }

    // --- helpers ---

    private static RunRecord newRun(String runId, String runbook) {
        return new RunRecord(runId, runbook, "orders-primary", "orders-replica", "postgres", RunStatus.RUNNING,
                null, null, Map.of(), List.of(), null, T0, T0);
    }

    private static List<Waiter> sorted(List<Waiter> waiters) {
        return waiters.stream().sorted(Comparator.comparing(w -> w.kind().name())).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

}
