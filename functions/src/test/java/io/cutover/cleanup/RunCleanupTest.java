package io.cutover.cleanup;

import io.cutover.cleanup.Removal.Action;
import io.cutover.cleanup.Removal.Kind;
import io.cutover.probe.SlotRemoval;
import io.cutover.probe.SlotUse;
import io.cutover.promote.ResourceNames;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clean-up's plan and each of its refusals on the fakes: a promote-replica run that left a
 * running CDC task, its two endpoints and the logical slot on the source.
 */
class RunCleanupTest {
    private static final String RUN = LeftRunning.RUN;
    private static final String SLOT = LeftRunning.SLOT;
    private static final RunCleanup.Waiting WAITING = new RunCleanup.Waiting(Duration.ofSeconds(10), Duration.ofSeconds(60));

    private final LeftRunning left = new LeftRunning();
    private final FakeRunStore runs = left.runs;
    private final FakeReplication dms = left.dms;
    private final FakeProbes probes = left.probes;
    private final List<Duration> pauses = left.pauses;
    private final RunCleanup cleanup = left.cleanup();
    private final String source = left.source;
    private final String target = left.target;
    private final String task = left.task;

    private void duringPause(Runnable r) {
        left.duringPause = r;
    }

    @Test
    void withoutStopTasksTheRunningTaskRefusesTheWholeCleanupNamingIt() {
        CleanupPlan plan = cleanup.plan(RUN, false);

        assertTrue(plan.refused());
        Removal t = plan.of(Kind.TASK).get(0);
        assertEquals(Action.REFUSE, t.action());
        assertEquals(ResourceNames.cdcTaskId(RUN), t.name());
        assertEquals(List.of("itself: running (CDC in progress)"), t.readers());
        assertTrue(t.note().contains("--stop-tasks"), t.note());
        for (Removal e : plan.of(Kind.ENDPOINT)) {
            assertEquals(Action.REFUSE, e.action(), e.toString());
            assertEquals(List.of("task " + ResourceNames.cdcTaskId(RUN) + " (running)"), e.readers());
        }
        Removal slot = plan.of(Kind.SLOT).get(0);
        assertEquals(Action.REFUSE, slot.action());
        assertEquals(SLOT + " on orders-prod.example:5432/orders", slot.name());
        assertTrue(slot.readers().get(0).contains(ResourceNames.cdcTaskId(RUN)), slot.readers().toString());

        assertThrows(IllegalStateException.class, () -> cleanup.execute(plan, WAITING));
        assertEquals(List.of(), dms.stoppedTasks, "a refused plan changes nothing");
        assertEquals(List.of(), dms.deletedTasks);
        assertEquals(List.of(), dms.deletedEndpoints);
        assertEquals(List.of(), probes.slotsDropped);
    }

    @Test
    void withStopTasksItStopsWaitsDeletesTheTaskWaitsThenTheEndpointsThenTheSlot() {
        CleanupPlan plan = cleanup.plan(RUN, true);
        assertFalse(plan.refused(), plan.toString());
        assertEquals(List.of(Action.STOP_AND_DELETE, Action.DELETE, Action.DELETE, Action.DROP),
                plan.removals().stream().map(Removal::action).toList());

        // DMS: stopping for two polls, then stopped; deleting for one poll, then gone.
        int[] polls = {0};
        duringPause(() -> {
            polls[0]++;
            TaskDescription t = dms.tasks.get(task);
            if (t == null) return;
            if ("stopping".equals(t.status()) && polls[0] >= 2) dms.setTask(task, "stopped");
            else if ("deleting".equals(t.status())) {
                assertEquals(List.of(), dms.deletedEndpoints, "no endpoint goes while its task is deleting");
                dms.finishDeleting(task);
            }
        });
        CleanupOutcome outcome = cleanup.execute(plan, WAITING);

        assertTrue(outcome.complete(), outcome.toString());
        assertEquals(List.of(task), dms.stoppedTasks);
        assertEquals(List.of(task), dms.deletedTasks, "deleted once it was stopped (the fake refuses a running one)");
        assertEquals(List.of(source, target), dms.deletedEndpoints);
        assertEquals(List.of(SLOT + "/" + ResourceNames.publicationName(RUN)), probes.slotsDropped);
        assertEquals(3, pauses.size(), "two polls while stopping, one while deleting: " + pauses);
        assertTrue(pauses.stream().allMatch(Duration.ofSeconds(10)::equals));
    }

    @Test
    void aSecondRunAfterACompleteOneIsANoOp() {
        dms.setTask(task, "stopped");
        duringPause(() -> dms.finishDeleting(task));
        assertTrue(cleanup.execute(cleanup.plan(RUN, false), WAITING).complete());
        probes.slotUse.remove(SLOT);

        CleanupPlan again = cleanup.plan(RUN, false);

        assertFalse(again.refused());
        assertFalse(again.hasWork(), again.toString());
        assertTrue(again.removals().stream().allMatch(r -> r.action() == Action.NOTHING), again.toString());
        CleanupOutcome outcome = cleanup.execute(again, WAITING);
        assertTrue(outcome.complete());
        assertEquals(List.of(), outcome.done());
        assertEquals(1, dms.deletedTasks.size());
    }

    @Test
    void aTaskThatDoesNotStopInTimeStopsTheCleanupBeforeAnyDeletionAndARerunFinishes() {
        CleanupOutcome outcome = cleanup.execute(cleanup.plan(RUN, true), WAITING);

        assertFalse(outcome.complete());
        assertTrue(outcome.failure().contains("did not stop within 60 s"), outcome.failure());
        assertEquals(6, pauses.size(), "bounded: limit / interval polls");
        assertEquals(List.of(), dms.deletedTasks);
        assertEquals(List.of(), dms.deletedEndpoints);

        dms.setTask(task, "stopped");
        duringPause(() -> dms.finishDeleting(task));
        assertTrue(cleanup.execute(cleanup.plan(RUN, false), WAITING).complete(), "the rerun finishes the job");
        assertEquals(List.of(source, target), dms.deletedEndpoints);
    }

    @Test
    void whatTheRunDidNotMakeIsNeverTouched() {
        // A DBA's source endpoint and another run's task, both recorded in the run item.
        dms.tags.put(source, Map.of());
        String other = dms.createTask(new TaskSpec("forward", "arn:aws:dms:eu-west-1:123456789012:rep:RI", source, target,
                "cdc", "{}", "{}", null, "another-run")).arn();
        dms.setTask(other, "running");
        runs.recordResource(RUN, "forwardTaskArn", other);
        dms.setTask(task, "stopped");

        CleanupPlan plan = cleanup.plan(RUN, true);

        Removal forward = plan.removals().stream().filter(r -> r.id().equals(other)).findFirst().orElseThrow();
        assertEquals(Action.KEEP_NOT_OURS, forward.action());
        assertEquals("made by run another-run, not " + RUN, forward.createdBy());
        Removal dbaEndpoint = plan.removals().stream().filter(r -> r.id().equals(source)).findFirst().orElseThrow();
        assertEquals(Action.KEEP_NOT_OURS, dbaEndpoint.action());
        Removal ours = plan.removals().stream().filter(r -> r.id().equals(target)).findFirst().orElseThrow();
        assertEquals(Action.REFUSE, ours.action(), "the other run's task still uses it");
        assertEquals(List.of("task forward (running)"), ours.readers());
        assertEquals(Action.REFUSE, plan.of(Kind.SLOT).get(0).action(), "the other run's task reads the slot too");
        assertTrue(plan.refused());
    }

    @Test
    void aSessionThatIsNoTaskOfTheRunRefusesTheSlot() {
        dms.setTask(task, "stopped");
        dms.slotNames.remove(source);
        probes.slotUse.put(SLOT, new SlotUse(true, 4242));

        Removal slot = cleanup.plan(RUN, true).of(Kind.SLOT).get(0);

        assertEquals(Action.REFUSE, slot.action());
        assertEquals(List.of("session pid 4242"), slot.readers());
        assertEquals("active", slot.status());
    }

    @Test
    void aSlotReadAgainAfterTheTasksWentIsKeptAndNamed() {
        dms.setTask(task, "stopped");
        duringPause(() -> dms.finishDeleting(task));
        probes.removal = new SlotRemoval(SlotRemoval.Outcome.IN_USE, 777);

        CleanupOutcome outcome = cleanup.execute(cleanup.plan(RUN, false), WAITING);

        assertFalse(outcome.complete());
        assertTrue(outcome.failure().contains("pid 777"), outcome.failure());
        assertEquals(List.of(source, target), dms.deletedEndpoints, "tasks and endpoints went first");
    }

    @Test
    void aRunStillRunningIsRefusedWhole() {
        runs.createRun(new RunRecord("live", "promote-replica", "s", "r", "postgres", RunStatus.RUNNING, "CheckLag", null,
                Map.of(), List.of(), null, Instant.EPOCH, Instant.EPOCH));

        CleanupPlan plan = cleanup.plan("live", true);

        assertTrue(plan.refused());
        assertTrue(plan.refusal().contains("still RUNNING (at CheckLag)"), plan.refusal());
    }

    @Test
    void anUnknownRunIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cleanup.plan("nope", false));
        assertEquals("no run nope in the runs table", e.getMessage());
    }

    @Test
    void aTaskCreatedButNotRecordedIsFoundByItsName() {
        runs.createRun(new RunRecord("crashed", "promote-replica", "s", "r", "postgres", RunStatus.ROLLED_BACK, "Rollback",
                null, Map.of(), List.of(), null, Instant.EPOCH, Instant.EPOCH));
        String orphan = dms.createTask(new TaskSpec(ResourceNames.cdcTaskId("crashed"), "arn:aws:dms:eu-west-1:123456789012:rep:RI",
                source, target, "cdc", "{}", "{}", null, "crashed")).arn();
        dms.setTask(orphan, "ready");

        CleanupPlan plan = cleanup.plan("crashed", false);

        assertEquals(List.of(orphan), plan.of(Kind.TASK).stream().map(Removal::id).toList());
        assertEquals(Action.DELETE, plan.of(Kind.TASK).get(0).action());
    }

    @Test
    void aSlotWhoseSourceWasNotRecordedIsLeftForTheOperatorWithTheSql() {
        runs.createRun(new RunRecord("old", "promote-replica", "s", "r", "postgres", RunStatus.SUCCEEDED, "CompleteRun",
                null, Map.of("logicalSlot", "cutover_old"), List.of(), null, Instant.EPOCH, Instant.EPOCH));

        Removal slot = cleanup.plan("old", false).of(Kind.SLOT).get(0);

        assertEquals(Action.BY_HAND, slot.action());
        assertTrue(slot.note().contains("pg_drop_replication_slot('cutover_old')"), slot.note());
    }

    @Test
    void executingReadsTheRunItemOnceForAllItsSlots() {
        runs.recordResources(RUN, io.cutover.probe.SlotLocation.of("backwardSlot", "SITEB:cutover_orders_b",
                new io.cutover.probe.DbConnection(io.cutover.instance.Engine.POSTGRES, "orders-b.example", 5432, "orders",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf")));
        probes.slotUse.put("cutover_orders_b", new SlotUse(true, null));
        left.stopsAndGoes();
        CleanupPlan plan = cleanup.plan(RUN, true);
        assertEquals(List.of(Action.DROP, Action.DROP), plan.of(Kind.SLOT).stream().map(Removal::action).toList(), plan.toString());
        List<String> reads = new java.util.ArrayList<>();
        io.cutover.run.RunStore counted = (io.cutover.run.RunStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{io.cutover.run.RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("run")) reads.add((String) args[0]);
                    return method.invoke(runs, args);
                });

        CleanupOutcome outcome = new RunCleanup(counted, dms, probes, d -> left.duringPause.run()).execute(plan, WAITING);

        assertTrue(outcome.complete(), outcome.toString());
        assertEquals(List.of(SLOT + "/" + ResourceNames.publicationName(RUN), "cutover_orders_b/cutover_orders_b"),
                probes.slotsDropped);
        assertEquals(List.of(RUN), reads, "one read of the run item for both slots");
    }

    @Test
    void aSwitchoverRunsBackwardSlotGoesAfterItsTaskAndTheSitesEndpointStays() {
        // A switchover run: the backward task it made reads the to-site's slot through the site's
        // own source endpoint (the DBA's, not tagged by the run).
        String siteEndpoint = dms.createEndpoint(new io.cutover.replication.EndpointSpec("orders-b-source",
                io.cutover.replication.EndpointSpec.EndpointType.SOURCE, io.cutover.instance.Engine.POSTGRES, "orders-b.example",
                5432, "orders", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf", "arn:aws:iam::123456789012:role/dms",
                "dba", null));
        dms.tags.put(siteEndpoint, Map.of());
        dms.slotNames.put(siteEndpoint, "cutover_orders_b");
        runs.createRun(new RunRecord("sw-1", "switchover", "SITEA", "SITEB", "postgres", RunStatus.SUCCEEDED, "CompleteSwitchover",
                null, Map.of(), List.of(), null, Instant.EPOCH, Instant.EPOCH));
        String backward = dms.createTask(new TaskSpec("orders-b-to-a", "arn:aws:dms:eu-west-1:123456789012:rep:RI", siteEndpoint,
                target, "cdc", "{}", "{}", null, "sw-1")).arn();
        dms.setTask(backward, "running");
        runs.recordResource("sw-1", "backwardTaskArn", backward);
        runs.recordResource("sw-1", "backwardSlot", "SITEB:cutover_orders_b");
        runs.recordResource("sw-1", "backwardSlotSource", "orders-b.example:5432/orders");
        runs.recordResource("sw-1", "backwardSlotSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf");
        runs.recordResource("sw-1", "backwardSourceEndpointArn", siteEndpoint);
        probes.slotUse.put("cutover_orders_b", new SlotUse(true, 777));

        CleanupPlan refused = cleanup.plan("sw-1", false);
        Removal slot = refused.of(Kind.SLOT).get(0);
        assertEquals("cutover_orders_b on orders-b.example:5432/orders", slot.name());
        assertEquals(Action.REFUSE, slot.action(), "its running task reads it");
        assertTrue(slot.readers().contains("task orders-b-to-a (running)"), slot.readers().toString());

        CleanupPlan plan = cleanup.plan("sw-1", true);
        assertEquals(Action.KEEP_NOT_OURS, plan.of(Kind.ENDPOINT).get(0).action(), "the site's endpoint is the DBA's");
        assertEquals(Action.DROP, plan.of(Kind.SLOT).get(0).action(), plan.toString());
        duringPause(() -> {
            TaskDescription t = dms.tasks.get(backward);
            if (t == null) return;
            if ("stopping".equals(t.status())) dms.setTask(backward, "stopped");
            else if ("deleting".equals(t.status())) {
                dms.finishDeleting(backward);
                probes.slotUse.put("cutover_orders_b", new SlotUse(true, null));
            }
        });
        CleanupOutcome outcome = cleanup.execute(plan, WAITING);

        assertTrue(outcome.complete(), outcome.toString());
        assertEquals(List.of(backward), dms.deletedTasks);
        assertEquals(List.of(), dms.deletedEndpoints, "the site's endpoint stays for the next switchover");
        assertEquals(List.of("cutover_orders_b/cutover_orders_b"), probes.slotsDropped, "the publication is named like the slot");
    }
}
