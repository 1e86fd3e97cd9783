package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.input.MigrationDatabase;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.SnapshotDescription;
import io.cutover.promote.ResourceNames;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A manual snapshot of the source before the cutover (an instance snapshot, or a cluster
 * snapshot for Aurora): the way back that does not depend on DMS. Requested once (its
 * identifier comes from the run id, so a retried step finds it), then waited for through RDS
 * events and polling. The run deletes it never: the cause and the run item name it.
 */
public record SourceSnapshot(DatabaseInstances instances, RunStore runs, Clock clock) {
    public static final String SNAPSHOT = "sourceSnapshot";

    /** Requests the snapshot unless it exists; a run whose input turns snapshots off records that it took none. */
    public MigrationState.Snapshot snapshotSource(MigrationState state) {
        MigrateInput in = state.input();
        if (!in.snapshotSource()) return new MigrationState.Snapshot(null, false, "not requested", null, true, null);
        String id = ResourceNames.sourceSnapshotId(state.runId());
        MigrationDatabase source = in.source();
        Optional<SnapshotDescription> existing = describe(source, id);
        Instant requestedAt = clock.instant();
        if (existing.isEmpty()) {
            runs.recordResource(state.runId(), SNAPSHOT, id);
            if (source.isCluster()) instances.createClusterSnapshot(source.id(), id, state.runId());
            else instances.createInstanceSnapshot(source.id(), id, state.runId());
        }
        return snapshot(source, id, existing.orElse(null), requestedAt);
    }

    /** Polled until available: failed, missing, or longer than {@code limits.snapshotWaitSeconds} ends the run. */
    public MigrationState.Snapshot checkSnapshot(MigrationState state) {
        MigrationState.Snapshot before = state.snapshot();
        if (before == null || before.snapshotId() == null) return before;
        MigrationDatabase source = state.input().source();
        SnapshotDescription s = describe(source, before.snapshotId()).orElseThrow(() -> new StepFailed(
                "source snapshot " + before.snapshotId() + " does not exist (deleted while the run waited?)"));
        if (s.isFailed()) throw new StepFailed("source snapshot " + s.id() + " failed");
        long waited = Duration.between(before.requestedAt(), clock.instant()).toSeconds();
        if (!s.isAvailable() && waited >= state.input().limits().snapshotWaitSeconds()) {
            throw new StepFailed("source snapshot " + s.id() + " still " + s.status() + " after " + waited + " s ("
                    + s.percentProgress() + "%)");
        }
        return snapshot(source, s.id(), s, before.requestedAt());
    }

    private Optional<SnapshotDescription> describe(MigrationDatabase source, String id) {
        return source.isCluster() ? instances.describeClusterSnapshot(id) : instances.describeInstanceSnapshot(id);
    }

    private static MigrationState.Snapshot snapshot(MigrationDatabase source, String id, SnapshotDescription s,
                                                    Instant requestedAt) {
        return new MigrationState.Snapshot(id, source.isCluster(), s == null ? "creating" : s.status(),
                s == null ? null : s.percentProgress(), s != null && s.isAvailable(), requestedAt);
    }
}
