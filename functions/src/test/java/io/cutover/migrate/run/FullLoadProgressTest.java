package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FullLoadProgressTest {
    private final FakeReplication dms = new FakeReplication();
    private final FakeRunStore runs = new FakeRunStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));
    private final FullLoadProgress progress = new FullLoadProgress(dms, runs, clock);
    private String task;

    @BeforeEach
    void aRunningTask() {
        MigrationStates.createRun(runs);
        task = dms.createTask(new TaskSpec("orders-migrate", "ri", "src", "tgt", "full-load-and-cdc", "{}", "{}", null,
                "run-42")).arn();
        dms.setTask(task, "running");
    }

    @Test
    void aLoadInProgressIsNotFinishedAndEachTablesProgressIsRecorded() {
        dms.setFullLoad(task, 40, new TaskDescription.TableCounts(1, 1, 1, 0));
        dms.tableStatistics.put(task, List.of(table("orders", "Table completed", 1200L, "Validated"),
                table("order_lines", "Full load", 300L, "Pending records"), table("audit", "Before load", 0L, null)));

        MigrationState.FullLoad load = progress.check(migration().build());

        assertFalse(load.finished());
        assertEquals(40, load.percent());
        assertEquals(3, load.tables().size());
        assertEquals(new MigrationState.TableProgress("public", "order_lines", "Full load", 300L, "Pending records"),
                load.tables().get(1));
        var resources = runs.run("run-42").orElseThrow().resources();
        assertEquals("40% loaded 1 loading 1 queued 1", resources.get(FullLoadProgress.PROGRESS));
        assertEquals("public.orders=Table completed 1200 rows, public.order_lines=Full load 300 rows,"
                + " public.audit=Before load 0 rows", resources.get(FullLoadProgress.TABLES));
    }

    @Test
    void theLoadIsFinishedWhenNoTableIsQueuedOrLoadingAtHundredPercent() {
        dms.setFullLoad(task, 100, new TaskDescription.TableCounts(3, 0, 0, 0));

        MigrationState.FullLoad load = progress.check(migration().build());

        assertTrue(load.finished());
        assertEquals(1, load.checks());
    }

    @Test
    void aHundredPercentWithATableStillQueuedIsNotFinished() {
        dms.setFullLoad(task, 100, new TaskDescription.TableCounts(2, 0, 1, 0));

        assertFalse(progress.check(migration().build()).finished());
    }

    @Test
    void aTableInErrorEndsTheRunNamingTheTable() {
        dms.setFullLoad(task, 60, new TaskDescription.TableCounts(1, 1, 0, 1));
        dms.tableStatistics.put(task, List.of(table("orders", "Table completed", 10L, null),
                table("blobs", "Table error", 5L, null)));

        StepFailed e = assertThrows(StepFailed.class, () -> progress.check(migration().build()));

        assertTrue(e.getMessage().contains("1 table(s) in error: public.blobs"), e.getMessage());
    }

    @Test
    void aStoppedTaskEndsTheRunWithItsReason() {
        dms.tasks.put(task, new TaskDescription(task, "orders-migrate", "stopped", "Stop Reason FATAL_ERROR", "",
                null, 30, "full-load-and-cdc", null));

        StepFailed e = assertThrows(StepFailed.class, () -> progress.check(migration().build()));

        assertTrue(e.getMessage().contains("is stopped during the full load: Stop Reason FATAL_ERROR"), e.getMessage());
    }

    @Test
    void aLoadLongerThanItsLimitEndsTheRunWithWhereItWas() {
        dms.setFullLoad(task, 10, new TaskDescription.TableCounts(0, 2, 5, 0));
        MigrationState.FullLoad first = progress.check(migration().build());
        clock.advance(Duration.ofSeconds(172_800));

        StepFailed e = assertThrows(StepFailed.class, () -> progress.check(migration().load(first).build()));

        assertTrue(e.getMessage().contains("full load not finished after 172800 s (limit 172800 s): 10%, 2 table(s)"
                + " loading, 5 queued"), e.getMessage());
    }

    private static TableStatistic table(String name, String state, Long rows, String validation) {
        return new TableStatistic("T", "public", name, state, rows, 0L, 0L, 0L, 0L, validation, 0L, 0L, null);
    }
}
