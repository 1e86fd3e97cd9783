package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.StepFailed;
import io.cutover.instance.SnapshotDescription;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceSnapshotTest {
    private final FakeInstances rds = new FakeInstances();
    private final FakeRunStore runs = new FakeRunStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
    private final SourceSnapshot snapshots = new SourceSnapshot(rds, runs, clock);

    @BeforeEach
    void run() {
        MigrationStates.createRun(runs);
    }

    @Test
    void anAuroraSourceGetsAClusterSnapshotOnceRecordedInTheRunAndIsWaitedFor() {
        MigrationState.Snapshot requested = snapshots.snapshotSource(migration().build());
        MigrationState.Snapshot retried = snapshots.snapshotSource(migration().build());

        assertEquals(1, rds.clusterSnapshots.size(), "a retried step finds the snapshot it asked for");
        assertEquals(0, rds.instanceSnapshots.size());
        String id = requested.snapshotId();
        assertEquals("orders-aurora", rds.clusterSnapshots.get(id).sourceId());
        assertEquals(id, runs.run("run-42").orElseThrow().resources().get(SourceSnapshot.SNAPSHOT));
        assertTrue(requested.cluster());
        assertFalse(requested.available());
        assertEquals("creating", retried.status());

        MigrationState.Snapshot waiting = snapshots.checkSnapshot(migration().snapshot(requested).build());
        assertFalse(waiting.available());
        rds.clusterSnapshots.put(id, new SnapshotDescription(id, "arn", "orders-aurora", "available", 100));
        MigrationState.Snapshot done = snapshots.checkSnapshot(migration().snapshot(waiting).build());
        assertTrue(done.available());
        assertEquals(100, done.percent());
    }

    @Test
    void anInstanceSourceGetsAnInstanceSnapshot() {
        MigrationState state = migration().input(in -> ((ObjectNode) in.get("source")).put("kind", "instance")).build();

        MigrationState.Snapshot requested = snapshots.snapshotSource(state);

        assertFalse(requested.cluster());
        assertEquals("orders-aurora", rds.instanceSnapshots.get(requested.snapshotId()).sourceId());
        assertEquals(0, rds.clusterSnapshots.size());
    }

    @Test
    void aFailedSnapshotEndsTheRun() {
        MigrationState.Snapshot requested = snapshots.snapshotSource(migration().build());
        String id = requested.snapshotId();
        rds.clusterSnapshots.put(id, new SnapshotDescription(id, "arn", "orders-aurora", "failed", 40));

        StepFailed e = assertThrows(StepFailed.class, () -> snapshots.checkSnapshot(migration().snapshot(requested).build()));

        assertEquals("source snapshot " + id + " failed", e.getMessage());
    }

    @Test
    void aSnapshotSlowerThanItsLimitEndsTheRunWithItsProgress() {
        MigrationState.Snapshot requested = snapshots.snapshotSource(migration().build());
        clock.advance(Duration.ofSeconds(14_400));

        StepFailed e = assertThrows(StepFailed.class, () -> snapshots.checkSnapshot(migration().snapshot(requested).build()));

        assertTrue(e.getMessage().endsWith("still creating after 14400 s (0%)"), e.getMessage());
    }

    @Test
    void aRunWithoutSnapshotTakesNoneAndSaysSo() {
        MigrationState state = migration().input(in -> in.put("snapshotSource", false)).build();

        MigrationState.Snapshot none = snapshots.snapshotSource(state);

        assertNull(none.snapshotId());
        assertEquals("not requested", none.status());
        assertTrue(rds.clusterSnapshots.isEmpty() && rds.instanceSnapshots.isEmpty());
    }
}
