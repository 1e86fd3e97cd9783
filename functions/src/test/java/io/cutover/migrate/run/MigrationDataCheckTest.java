package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.InMemoryChecksums;
import io.cutover.migrate.validation.Pause;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.runbook.CallBudget;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeReplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.cutover.migrate.run.MigratePreflightTest.keyed;
import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both validations over fakes: DMS's table statistics (FakeReplication) and the product's own
 * (an in-memory database per side, 500 rows per table). The pause between re-checks is where CDC
 * "happens": a test changes the target there.
 */
class MigrationDataCheckTest {
    static final TableName ORDERS = io.cutover.testing.MigrationTestData.ORDERS;
    static final TableName LINES = io.cutover.testing.MigrationTestData.LINES;
    static final String TASK = "arn:aws:dms:eu-west-1:123456789012:task:T1";

    private final FakeMigrationCatalog catalog = new FakeMigrationCatalog();
    private final FakeReplication dms = new FakeReplication();
    private final InMemoryChecksums source = new InMemoryChecksums();
    private final InMemoryChecksums target = new InMemoryChecksums();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private Runnable duringPause = () -> {
    };
    private final Pause pause = d -> {
        pauses.add(d);
        duringPause.run();
    };
    private final MigrationDataCheck check = new MigrationDataCheck(catalog,
            db -> (SOURCE_HOST.equals(db.host()) ? source : target).open(db), dms, pause);
    /** Chunks of 100 rows: five a table of 500, one wave of four a worker, then the fifth. */
    private final MigrationDataCheck smallChunks = new MigrationDataCheck(catalog,
            db -> (SOURCE_HOST.equals(db.host()) ? source : target).open(db), dms, pause,
            io.cutover.migrate.validation.ValidationSettings.defaults().withChunks(100, 1000));

    @BeforeEach
    void twoTablesLoadedAndValidatedByDms() {
        catalog.tables.put(SOURCE_HOST, List.of(keyed(ORDERS, "id"), keyed(LINES, "id"), keyed(TableName.of("audit", "log"), "id")));
        for (InMemoryChecksums side : List.of(source, target)) {
            side.table(ORDERS, 500);
            side.table(LINES, 500);
        }
        dms.tasks.put(TASK, new TaskDescription(TASK, "orders-migrate", "running", null, null, null, 100, "full-load-and-cdc",
                null));
        dms.tableStatistics.put(TASK, List.of(statistic(ORDERS, "Validated", 0), statistic(LINES, "Validated", 0)));
    }

    @Test
    void equalTablesPassWithBothValidationsRecordedPerSelectedTable() {
        MigrationState.DataValidation v = check.validate(migration().build());

        assertTrue(v.ok());
        assertEquals(List.of("public.order_lines", "public.orders"), v.tables().stream().map(MigrationState.TableCheck::table)
                .sorted().toList(), "the selected tables (public.%), not audit.log");
        for (MigrationState.TableCheck t : v.tables()) {
            assertEquals("EQUAL", t.status(), t.detail());
            assertEquals("Validated", t.dmsValidationState());
        }
        assertEquals(0, v.dmsFailures());
        assertEquals(List.of(), pauses, "nothing to re-check");
    }

    @Test
    void dmsValidationFailuresAreCountedAndNamePerTableEvenWhenTheOwnCheckIsEqual() {
        dms.tableStatistics.put(TASK, List.of(statistic(ORDERS, "Mismatched records", 3), statistic(LINES, "Pending records", 2)));

        String cause = assertThrows(StepFailed.class, () -> check.validate(migration().build())).getMessage();

        assertTrue(cause.startsWith("validation: 2 table(s) differ: "), cause);
        assertTrue(cause.contains("public.orders: DMS validation Mismatched records (3 failed record(s); see the task's"
                + " awsdms_validation_failures_v1 table on the target)"), cause);
        assertTrue(cause.contains("public.order_lines: DMS validation Pending records (2 failed record(s)"), cause);
    }

    @Test
    void aMismatchMissedByDmsIsFoundByTheOwnValidationNamingTableRangeAndKey() {
        target.tables.get(ORDERS).put(250L, 0L);
        target.tables.get(ORDERS).remove(400L);

        String cause = assertThrows(StepFailed.class, () -> check.validate(migration().build())).getMessage();

        assertTrue(cause.startsWith("validation: 1 table(s) differ: public.orders: MISMATCH (500 / 499 rows)"), cause);
        assertTrue(cause.contains("range "), "the key range: " + cause);
        assertTrue(cause.contains("missing on the target: [400]"), cause);
        assertTrue(cause.contains("different: [250]"), cause);
        assertFalse(cause.contains("order_lines"), cause);
        assertFalse(pauses.isEmpty(), "a difference under CDC is confirmed after a wait before it counts");
    }

    @Test
    void aChunkThatDiffersWhileChangesAreInFlightIsRecheckedAndSettlesEqual() {
        target.tables.get(ORDERS).put(250L, 0L); // DMS has not applied this change yet
        duringPause = () -> target.tables.get(ORDERS).put(250L, 250L * 31 + 7);

        MigrationState.DataValidation v = check.validate(migration().build());

        assertTrue(v.ok());
        assertEquals(1, pauses.size(), "one re-check: " + pauses);
        assertTrue(v.tables().stream().allMatch(t -> t.status().equals("EQUAL")), v.tables().toString());
    }

    @Test
    void aChunkStillChangingIsLeftToTheFinalPassWhichDoesNotWaitAndCountsEveryDifference() {
        AtomicLong value = new AtomicLong();
        target.tables.get(ORDERS).put(250L, 0L);
        duringPause = () -> target.tables.get(ORDERS).put(250L, value.incrementAndGet()); // never settles

        MigrationState.DataValidation v = check.validate(migration().build());
        assertTrue(v.ok(), "unsettled is no verdict while CDC flows");
        assertEquals("UNSETTLED", v.tables().stream().filter(t -> t.table().equals("public.orders")).findFirst().orElseThrow()
                .status());
        assertTrue(pauses.size() >= 2, "re-checked before giving up: " + pauses);

        pauses.clear();
        String cause = assertThrows(StepFailed.class, () -> check.finalValidation(migration().build())).getMessage();
        assertTrue(cause.startsWith("final validation: 1 table(s) differ: public.orders: MISMATCH"), cause);
        assertTrue(cause.contains("different: [250]"), cause);
        assertEquals(List.of(), pauses, "inside the freeze nothing changes: no re-check waits");
    }

    /** One worker: the wave is four chunks of 100 rows, so a table of 500 takes two waves. */
    private static MigrationStates oneWorker() {
        return migration().input(in -> ((com.fasterxml.jackson.databind.node.ObjectNode) in.path("validation"))
                .put("concurrency", 1));
    }

    /** Calls the step as the state machine's loop does, each call with a budget of zero, until it fails or completes. */
    private List<MigrationState.DataValidation> loop(boolean last) {
        List<MigrationState.DataValidation> calls = new java.util.ArrayList<>();
        MigrationState.DataValidation v = null;
        do {
            MigrationState state = last ? oneWorker().finalValidation(v).build() : oneWorker().validation(v).build();
            v = last ? smallChunks.finalValidation(state, CallBudget.of(Duration.ZERO))
                    : smallChunks.validate(state, CallBudget.of(Duration.ZERO));
            calls.add(v);
            assertTrue(calls.size() < 20, "the loop ends");
        } while (!v.complete());
        return calls;
    }

    @Test
    void aPassOverSeveralCallsWithATinyBudgetGivesTheResultOfOneCall() {
        MigrationState.DataValidation one = smallChunks.validate(oneWorker().build());
        assertTrue(one.complete() && one.ok() && one.calls() == 1, one.toString());

        List<MigrationState.DataValidation> calls = loop(false);

        MigrationState.DataValidation last = calls.get(calls.size() - 1);
        assertEquals(4, calls.size(), "one wave a call, two waves a table: " + calls);
        assertTrue(last.ok());
        assertEquals(4, last.calls());
        assertEquals(one.tables().stream().map(t -> t.table() + " " + t.status() + " " + t.detail()).toList(),
                last.tables().stream().map(t -> t.table() + " " + t.status() + " " + t.detail()).toList(),
                "the same tables, verdicts and counts (500 / 500 rows) as in one call");
        MigrationState.DataValidation inside = calls.get(0);
        assertFalse(inside.complete());
        assertFalse(inside.ok(), "no verdict before every table is done");
        assertEquals("public.order_lines", inside.table(), "stopped inside the first table");
        assertEquals(List.of("L:401"), inside.checkpoint().reached(), "after four chunks of 100 rows");
        assertEquals(400, inside.checkpoint().sourceRows());
        assertEquals(4, inside.checkpoint().chunks());
        assertEquals(List.of(), inside.tables());
        MigrationState.DataValidation between = calls.get(1);
        assertEquals(null, between.checkpoint(), "a table done, the next not started: nothing of a table kept");
        assertEquals(List.of("public.order_lines"), between.tables().stream().map(MigrationState.TableCheck::table).toList());
    }

    @Test
    void aDriftedRowIsFoundWithItsKeyAcrossCallsAsInOneCall() {
        target.tables.get(ORDERS).put(450L, 0L); // in the second wave
        target.tables.get(ORDERS).remove(250L); // in the first
        String one = assertThrows(StepFailed.class, () -> smallChunks.validate(oneWorker().build())).getMessage();
        pauses.clear();

        List<MigrationState.DataValidation> calls = new java.util.ArrayList<>();
        MigrationState.DataValidation[] v = {null};
        String looped = assertThrows(StepFailed.class, () -> {
            do {
                v[0] = smallChunks.validate(oneWorker().validation(v[0]).build(), CallBudget.of(Duration.ZERO));
                calls.add(v[0]);
            } while (calls.size() < 20);
        }).getMessage();

        assertEquals(3, calls.size(), "three calls returned, the fourth found the drift: " + calls);
        assertTrue(looped.startsWith("validation: 1 table(s) differ: public.orders: MISMATCH (500 / 499 rows)"), looped);
        assertTrue(looped.contains("missing on the target: [250]"), looped);
        assertTrue(looped.contains("different: [450]"), looped);
        assertEquals(one, looped, "the same finding as one call, range by range");
        MigrationState.DataValidation paused = calls.get(2);
        assertEquals("public.orders", paused.table());
        assertEquals(1, paused.checkpoint().mismatches().size(), "the first wave's finding kept for the verdict");
        assertEquals(List.of(List.of("L:250")), paused.checkpoint().mismatches().get(0).missing());
        assertFalse(pauses.isEmpty(), "while CDC flows a difference is still confirmed after a wait");
    }

    @Test
    void theFinalPassOverSeveralCallsNeverWaitsAndCountsADifference() {
        List<MigrationState.DataValidation> calls = loop(true);
        assertTrue(calls.get(calls.size() - 1).ok());
        assertEquals(4, calls.size());

        target.tables.get(ORDERS).put(450L, 0L);
        MigrationState.DataValidation[] v = {null};
        int[] n = {0};
        String cause = assertThrows(StepFailed.class, () -> {
            do {
                v[0] = smallChunks.finalValidation(oneWorker().finalValidation(v[0]).build(), CallBudget.of(Duration.ZERO));
            } while (++n[0] < 20);
        }).getMessage();
        assertEquals(3, n[0], "three calls returned before the verdict");
        assertTrue(cause.startsWith("final validation: 1 table(s) differ: public.orders: MISMATCH"), cause);
        assertTrue(cause.contains("different: [450]"), cause);
        assertEquals(List.of(), pauses, "inside the freeze: no re-check waits in any call");
    }

    @Test
    void aMissingTaskIsNamed() {
        dms.tasks.clear();

        String cause = assertThrows(StepFailed.class, () -> check.validate(migration().build())).getMessage();

        assertEquals("migration task orders-migrate does not exist", cause);
    }

    private static TableStatistic statistic(TableName t, String validationState, long failed) {
        return new TableStatistic(TASK, t.schema(), t.table(), "Table completed", 500L, 0L, 0L, 0L, 0L, validationState, 0L,
                failed, null);
    }
}
