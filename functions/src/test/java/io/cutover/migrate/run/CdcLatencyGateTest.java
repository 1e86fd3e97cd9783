package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.replication.CdcLatency;
import io.cutover.replication.TaskSpec;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeSiteDatabases;
import io.cutover.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdcLatencyGateTest {
    private final FakeReplication dms = new FakeReplication();
    private final FakeSiteDatabases databases = new FakeSiteDatabases();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));
    /** The CloudWatch answers, one per read; empty: no datapoint. */
    private final List<Optional<CdcLatency>> metrics = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final CdcLatencyGate gate = new CdcLatencyGate(dms, (instance, task) -> {
        asked.add(instance + "/" + task);
        return metrics.isEmpty() ? Optional.empty() : metrics.remove(0);
    }, databases, clock);

    @BeforeEach
    void aRunningTaskCarryingTheSourcesWrites() {
        String task = dms.createTask(new TaskSpec("orders-migrate", "ri", "src", "tgt", "full-load-and-cdc", "{}", "{}",
                null, "run-42")).arn();
        dms.setTask(task, "running");
        databases.flow(SOURCE_HOST, TARGET_HOST, true);
    }

    @Test
    void theGateOpensAfterTheWantedReadsInARowAndAFailingReadStartsTheCountAgain() {
        metrics.add(latency(2, 3));
        metrics.add(latency(40, 45)); // over the 30 s limit: the count starts again
        metrics.add(latency(1, 2));
        metrics.add(latency(1, 2));

        MigrationState.Latency r1 = gate.check(migration().build());
        MigrationState.Latency r2 = gate.check(migration().latency(r1).build());
        MigrationState.Latency r3 = gate.check(migration().latency(r2).build());
        MigrationState.Latency r4 = gate.check(migration().latency(r3).build());
        MigrationState.Latency r5 = gate.check(migration().latency(r4).build());

        assertEquals(List.of(1, 0, 1, 2, 3), List.of(r1.consecutive(), r2.consecutive(), r3.consecutive(),
                r4.consecutive(), r5.consecutive()));
        assertFalse(r4.ok());
        assertTrue(r5.ok(), "three passing reads in a row (limits.latencyReads)");
        assertEquals(40.0, r2.sourceSeconds());
        assertNull(r5.sourceSeconds(), "no datapoint: the sentinel decided alone");
        assertEquals("ORDERSREPLINSTANCE1/T1", asked.get(0), "the metrics' dimensions: the ARNs' resource ids");
        assertTrue(databases.site(TARGET_HOST).sentinels.contains("run-42/latency/5"));
    }

    @Test
    void aSentinelThatDoesNotArriveFailsTheReadEvenWhenCloudWatchSaysAllIsWell() {
        databases.flow(SOURCE_HOST, TARGET_HOST, false);
        metrics.add(latency(0, 0));
        MigrationState state = migration().input(in -> in.with("limits").put("maxCdcLatencySeconds", 1)).build();

        MigrationState.Latency read = gate.check(state);

        assertEquals(0, read.consecutive());
        assertFalse(read.ok());
        assertTrue(read.sentinelSeconds() >= 1.0, "waited for it up to the limit: " + read.sentinelSeconds());
    }

    @Test
    void aGateNotPassedInItsWaitEndsTheRunSayingWhatItSaw() {
        metrics.add(latency(50, 70));
        MigrationState.Latency first = gate.check(migration().build());
        metrics.add(latency(55, 80));
        clock.advance(Duration.ofSeconds(1800));

        StepFailed e = assertThrows(StepFailed.class, () -> gate.check(migration().latency(first).build()));

        assertTrue(e.getMessage().startsWith("CDC latency gate not passed after 1800 s (2 reads; 3 in a row wanted under 30 s)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("CDCLatencySource 55.0 s, CDCLatencyTarget 80.0 s"), e.getMessage());
    }

    @Test
    void aTaskThatIsNotRunningEndsTheRun() {
        dms.setTask(dms.findTaskByIdentifier("orders-migrate").orElseThrow().arn(), "stopped");

        StepFailed e = assertThrows(StepFailed.class, () -> gate.check(migration().build()));

        assertTrue(e.getMessage().startsWith("migration task orders-migrate is stopped, not running"), e.getMessage());
    }

    private static Optional<CdcLatency> latency(long source, long target) {
        return Optional.of(new CdcLatency(Duration.ofSeconds(source), Duration.ofSeconds(target),
                Instant.parse("2026-12-01T02:59:00Z")));
    }
}
