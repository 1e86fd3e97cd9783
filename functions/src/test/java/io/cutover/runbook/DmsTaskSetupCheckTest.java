package io.cutover.runbook;

import io.cutover.failure.StepFailed;
import io.cutover.replication.TaskDescription;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DmsTaskSetup#check}: asked again within the call while the task starts (the switchover's freeze). */
class DmsTaskSetupCheckTest {
    static final String ARN = "arn:aws:dms:eu-west-1:123456789012:task:BTOA";
    static final DmsTaskSetup.Task TASK = new DmsTaskSetup.Task("backward task", "backwardTask");
    final FakeReplication dms = new FakeReplication();
    final FakeRunStore runs = new FakeRunStore();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));
    final DmsTaskSetup setup = new DmsTaskSetup(dms, runs, clock);

    @BeforeEach
    void started() {
        Instant at = clock.instant();
        runs.createRun(new RunRecord("run-7", "switchover", "SITEB", "SITEA", "postgres", RunStatus.RUNNING, null, null,
                Map.of(), List.of(), null, at, at));
        dms.tasks.put(ARN, new TaskDescription(ARN, "orders-b-to-a", "ready", null, null, null, null));
        assertEquals("starting", setup.start("run-7", TASK, ARN, "0/5000AB0"));
    }

    @Test
    void aTaskThatRunsWhileTheCallWaitsIsSeenInThatCall() throws Exception {
        Thread dmsStarts = later(150, () -> dms.setTask(ARN, "running"));
        long began = System.nanoTime();
        assertEquals("running", setup.check("run-7", TASK, ARN, 60, Duration.ofSeconds(60)));
        dmsStarts.join();
        assertTrue(System.nanoTime() - began < 30_000_000_000L, "seen long before the budget is spent");
    }

    @Test
    void aTaskStillStartingWhenTheBudgetIsSpentIsReportedAsItIs() {
        long began = System.nanoTime();
        assertEquals("starting", setup.check("run-7", TASK, ARN, 60, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - began >= 200_000_000L, "waited the budget");
        assertEquals("starting", setup.check("run-7", TASK, ARN, 60), "without a budget: one look");
    }

    @Test
    void aTaskThatFailsWhileTheCallWaitsEndsTheRun() {
        later(100, () -> dms.setTask(ARN, "failed"));
        StepFailed e = assertThrows(StepFailed.class, () -> setup.check("run-7", TASK, ARN, 60, Duration.ofSeconds(60)));
        assertTrue(e.getMessage().startsWith("backward task orders-b-to-a is failed"), e.getMessage());
    }

    @Test
    void theStartTimeoutStillEndsTheRun() {
        clock.advance(Duration.ofSeconds(61));
        StepFailed e = assertThrows(StepFailed.class, () -> setup.check("run-7", TASK, ARN, 60, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("still starting after 61 s"), e.getMessage());
    }

    /** DMS changing the task while a check waits. */
    private static Thread later(long millis, Runnable change) {
        return Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            change.run();
        });
    }
}
