package io.cutover.rehearsal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.rehearsal.engine.ExecutionEvent;
import io.cutover.rehearsal.engine.ExecutionHandle;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalEventBus;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the real promote-replica state machine file in the local engine, the real step
 * handlers, real PostgreSQL primary/replica pairs, DynamoDB Local. What is stubbed: RDS, DMS and
 * EventBridge are the rehearsal's local adapters over the same servers (see docs/ARCHITECTURE.md).
 */
class PromoteReplicaRehearsalTest {
    static LocalCloud cloud;
    static Rehearsal rehearsal;
    static final PrintStream OUT = System.out;

    @BeforeAll
    static void startCloud() {
        cloud = new LocalCloud(Duration.ofSeconds(1));
        rehearsal = new Rehearsal(cloud, OUT);
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    static RehearsalOptions quiet() {
        return RehearsalOptions.defaults().withVerbose(false).withEventWait(Duration.ofSeconds(20));
    }

    static RunReport one(RehearsalOptions options) throws Exception {
        List<RunReport> reports = rehearsal.run(options);
        assertEquals(1, reports.size());
        RunReport r = reports.get(0);
        RehearsalCommand.summarise(r, options, OUT);
        return r;
    }

    @Test
    void happyPathPromotesAndTheReplicaHoldsExactlyTheSourceRows() throws Exception {
        int endpointsBefore = cloud.replication().endpointsCreated.get();
        int tasksBefore = cloud.replication().tasksCreated.get();
        RunReport r = one(quiet());

        assertTrue(r.execution().succeeded(), r.execution().toString());
        assertTrue(r.dataEqual(), "source " + r.source() + " vs promoted " + r.promoted());
        assertEquals("heartbeat", r.source().get(2).table());
        assertEquals(r.rowsWrittenByApplication(), r.source().get(2).rows(), "every heartbeat the application committed is on the source");
        assertTrue(r.rowsWrittenByApplication() > 0);
        RunRecord run = r.run();
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertTrue(run.position().matches("[0-9A-F]+/[0-9A-F]+"), run.position());
        assertNotNull(run.resources().get("targetEndpointArn"));
        assertNotNull(run.resources().get("cdcTaskArn"));
        assertTrue(r.applicationOpen() && r.lockReleased());
        assertTrue(r.freezeWindow().toMillis() > 0);
        assertTrue(r.applicationHeld().toMillis() > 0, "the application held its writes while frozen");
        assertEquals(2, cloud.replication().endpointsCreated.get() - endpointsBefore, "the run's source and target endpoints");
        assertNotNull(run.resources().get("sourceEndpointArn"), "the run's own source endpoint");
        assertEquals(1, cloud.replication().tasksCreated.get() - tasksBefore);
        assertTrue(r.execution().statesEntered().contains("WaitForPromotion"));
        assertFalse(r.execution().statesEntered().contains("CheckPromotion"), "the RDS event completed the wait");
        // Issue 13: only sync check, position, promotion and task start inside the freeze.
        List<String> states = r.execution().statesEntered();
        int freeze = states.indexOf("FreezeApplications");
        for (String before : List.of("PrepareLogicalSlot", "CreateSourceEndpoint", "CreateTargetEndpoint", "TestTargetConnection",
                "CheckTargetConnection", "CreateCdcTask")) {
            assertTrue(states.indexOf(before) >= 0 && states.indexOf(before) < freeze, before + " before the freeze: " + states);
        }
        assertTrue(states.indexOf("StartCdcTask") > states.indexOf("ResolveStartPosition"), states.toString());
    }

    @Test
    void noFreezeModeKeepsApplicationsWritingAndStaysExact() throws Exception {
        RunReport r = one(quiet().withFreeze(false));
        assertTrue(r.execution().succeeded(), r.execution().toString());
        assertEquals(0, r.applicationHeld().toMillis(), "never held");
        assertTrue(r.dataEqual(), "source " + r.source() + " vs promoted " + r.promoted());
        // Rows written between the slot's creation and the fork are on the replica by physical
        // replication, those after the fork by CDC: equality shows neither lost nor doubled.
        assertTrue(r.rowsWrittenByApplication() > 50, "kept writing: " + r.rowsWrittenByApplication());
    }

    @Test
    void lostEventsAreReplacedByPolling() throws Exception {
        RunReport r = one(quiet().withEvents(new LocalEventBus.Faults(true, 0, Duration.ZERO, false))
                .withEventWait(Duration.ofSeconds(2)));
        assertTrue(r.execution().succeeded(), r.execution().toString());
        assertTrue(r.dataEqual());
        List<String> states = r.execution().statesEntered();
        assertTrue(states.contains("CheckPromotion"), "poll fallback after the promotion wait timed out: " + states);
    }

    @Test
    void duplicatedLateAndReorderedEventsChangeNothing() throws Exception {
        long deliveredBefore = cloud.bus().delivered();
        RunReport r = one(quiet().withEvents(new LocalEventBus.Faults(false, 2, Duration.ofMillis(300), true)));
        assertTrue(r.execution().succeeded(), r.execution().toString());
        assertTrue(r.dataEqual());
        assertTrue(cloud.bus().delivered() - deliveredBefore >= 6, "events were delivered several times");
        assertEquals(1, r.execution().events("StateExited", "PromoteReplica").size());
    }

    /** Every Task state after the lock: the run must end rolled back and safe. */
    @ParameterizedTest
    @ValueSource(strings = {"Preflight", "PrepareLogicalSlot", "CreateSourceEndpoint", "CreateTargetEndpoint", "TestTargetConnection",
            "CheckTargetConnection", "CreateCdcTask", "CheckLag", "FreezeApplications", "CheckReplicaSync",
            "CapturePosition", "PromoteReplica", "WaitForPromotion", "ResolveStartPosition", "StartCdcTask",
            "WaitForCdcTaskRunning", "ThawApplications", "CompleteRun"})
    void faultAtAStepRollsBackToASafeState(String step) throws Exception {
        int endpointsBefore = cloud.replication().endpointsCreated.get();
        int tasksBefore = cloud.replication().tasksCreated.get();
        RunReport r = one(quiet().withFailAt(step));

        assertFalse(r.execution().succeeded());
        assertEquals("io.cutover.failure.StepFailed", r.execution().error());
        assertTrue(r.execution().statesEntered().contains("Rollback"));
        assertEquals("RolledBack", last(r.execution()).state());
        RunRecord run = r.run();
        assertEquals(RunStatus.ROLLED_BACK, run.status());
        assertTrue(run.cause().startsWith(step + " failed: fault injected at " + step), run.cause());
        assertTrue(r.applicationOpen(), "application thawed");
        assertTrue(r.lockReleased(), "lock released");
        boolean promoted = run.resources().containsKey("promotionRequestedAt");
        assertTrue(run.cause().contains(promoted ? "is now a standalone instance" : "was not promoted"), run.cause());
        assertTrue(cloud.replication().endpointsCreated.get() - endpointsBefore <= 2, "no duplicate endpoint");
        assertTrue(cloud.replication().tasksCreated.get() - tasksBefore <= 1, "no duplicate task");
        if (BEFORE_FREEZE.contains(step)) {
            assertTrue(run.cause().contains("Nothing was frozen"), run.cause());
            assertEquals(0, r.applicationHeld().toMillis(), "never held");
        } else {
            assertFalse(run.cause().contains("Nothing was frozen"), run.cause());
        }
        if (run.resources().containsKey("sourceEndpointArn")) {
            boolean taskMade = run.resources().containsKey("cdcTaskArn");
            assertTrue(run.cause().contains(taskMade ? "is kept: the CDC task" : "Deleted the run's own source endpoint"),
                    run.cause());
        }
        if (run.resources().containsKey("logicalSlot")) {
            assertTrue(run.cause().contains("Dropped the logical slot") || run.cause().contains("are kept: the CDC task"),
                    run.cause());
        }
    }

    /** The Task states issue 13 moved before FreezeApplications (and those always before it). */
    static final java.util.Set<String> BEFORE_FREEZE = java.util.Set.of("Preflight", "PrepareLogicalSlot", "CreateSourceEndpoint",
            "CreateTargetEndpoint", "TestTargetConnection", "CheckTargetConnection", "CreateCdcTask", "CheckLag",
            // the fault is injected before the step's handler runs: nothing was frozen yet
            "FreezeApplications");

    @Test
    void faultAtValidationOrLockTouchesNothing() throws Exception {
        for (String step : new String[]{"ValidateInput", "AcquireLock"}) {
            RunReport r = one(quiet().withFailAt(step));
            assertFalse(r.execution().succeeded());
            assertEquals(step.equals("ValidateInput") ? "InputRejected" : "RunRefused", last(r.execution()).state());
            assertEquals(null, r.run(), "no run item");
            assertTrue(r.applicationOpen() && r.lockReleased());
            assertEquals(0, r.applicationHeld().toMillis());
        }
    }

    @Test
    void secondConcurrentRunOnTheSameSourceIsRefused() throws Exception {
        RehearsalOptions options = quiet();
        String first = "concurrent-first-" + System.nanoTime();
        try (RehearsalPair pair = rehearsal.preparePair(first, false)) {
            CountDownLatch locked = new CountDownLatch(1);
            ExecutionListener whenLocked = e -> {
                if ("StateExited".equals(e.type()) && "AcquireLock".equals(e.state())) locked.countDown();
            };
            ExecutionHandle a = rehearsal.start(pair, first, rehearsal.input(pair, options), options, whenLocked);
            assertTrue(locked.await(60, TimeUnit.SECONDS));
            String second = "concurrent-second-" + System.nanoTime();
            ExecutionResult b = rehearsal.start(pair, second, rehearsal.input(pair, options), options, ExecutionListener.NONE)
                    .await(Duration.ofMinutes(2));
            assertFalse(b.succeeded());
            assertEquals("RunRefused", last(b).state());
            assertEquals("io.cutover.failure.RunRefused", b.error());
            assertTrue(b.cause().contains("locked by run " + first), b.cause());
            assertTrue(cloud.ports().runs().run(second).isEmpty(), "the refused run wrote no run item");

            RunReport ra = rehearsal.report(pair, first, a.await(Duration.ofMinutes(5)));
            assertTrue(ra.execution().succeeded(), ra.execution().toString());
            assertTrue(ra.dataEqual());
        }
    }

    /** Each kind of bad input the issue lists, end to end: rejected by the first state, naming the field. */
    @Test
    void badInputIsRejectedByTheFirstStateAndChangesNothing() throws Exception {
        RehearsalOptions options = quiet();
        String runId = "bad-input-" + System.nanoTime();
        try (RehearsalPair pair = rehearsal.preparePair(runId, false)) {
            record Case(String expected, java.util.function.Consumer<ObjectNode> damage) {
            }
            List<Case> cases = List.of(
                    new Case("source.secretArn: missing", in -> ((ObjectNode) in.get("source")).remove("secretArn")),
                    new Case("dms.sourceEndpointArn: 'endpoint-1' is not a DMS endpoint ARN",
                            in -> ((ObjectNode) in.get("dms")).put("sourceEndpointArn", "endpoint-1")),
                    new Case("replica.instanceId: is the same instance as source.instanceId",
                            in -> ((ObjectNode) in.get("replica")).put("instanceId", pair.sourceId)),
                    new Case("engine: unknown engine 'sqlserver'", in -> in.put("engine", "sqlserver")),
                    new Case("replica.secretArn: is not a Secrets Manager secret ARN",
                            in -> ((ObjectNode) in.get("replica")).put("secretArn", "arn:aws:iam::123456789012:role/x")),
                    new Case("source.hostname: unknown field", in -> ((ObjectNode) in.get("source")).put("hostname", "db1")),
                    new Case("dms.password: looks like a credential and is refused",
                            in -> ((ObjectNode) in.get("dms")).put("password", "hunter2")),
                    new Case("limits.maxLagSeconds: -3 is outside 0..3600",
                            in -> ((ObjectNode) in.get("limits")).put("maxLagSeconds", -3)),
                    new Case("limits.promotionTimeoutSeconds: 31536000 is outside 1..86400",
                            in -> ((ObjectNode) in.get("limits")).put("promotionTimeoutSeconds", 31_536_000)));
            long items = itemCount();
            int n = 0;
            for (Case c : cases) {
                ObjectNode input = rehearsal.input(pair, options);
                c.damage().accept(input);
                ExecutionResult result = rehearsal.start(pair, runId + "-" + n++, input, options, ExecutionListener.NONE)
                        .await(Duration.ofMinutes(1));
                assertEquals(List.of("ValidateInput", "InputRejected"), result.statesEntered(), c.expected());
                assertEquals("io.cutover.failure.InvalidInput", result.error());
                assertTrue(result.cause().contains(c.expected()), () -> result.cause() + " should name " + c.expected());
                assertFalse(result.cause().contains("hunter2"), result.cause());
            }
            assertEquals(items, itemCount(), "DynamoDB unchanged");
            assertEquals(AppStatus.OPEN, cloud.ports().appMap().get(pair.application).orElseThrow().status());
            assertTrue(cloud.ports().runs().lockHolder(pair.sourceId).isEmpty());
        }
    }

    private static long itemCount() {
        return cloud.dynamo().client().scan(ScanRequest.builder().tableName(LocalCloud.RUNS_TABLE).build()).count()
                + cloud.dynamo().client().scan(ScanRequest.builder().tableName(LocalCloud.APPMAP_TABLE).build()).count();
    }

    private static ExecutionEvent last(ExecutionResult result) {
        List<ExecutionEvent> entered = result.events("StateEntered");
        return entered.get(entered.size() - 1);
    }
}
