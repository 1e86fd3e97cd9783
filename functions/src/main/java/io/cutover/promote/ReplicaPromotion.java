package io.cutover.promote;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.input.PromoteReplicaInput;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Promotes the replica exactly once. The intent is recorded in the run item before the call, so
 * a retried step sees it and never calls PromoteReadReplica on an instance already promoting.
 */
public record ReplicaPromotion(DatabaseInstances instances, RunStore runs, Clock clock) {
    static final String REQUESTED = "promotionRequestedAt";
    static final String RETENTION = "promotedBackupRetentionDays";

    public RunState.Promotion promoteReplica(RunState state) {
        String replicaId = state.input().replica().instanceId();
        InstanceDescription replica = describe(replicaId);
        Instant requested = requestedAt(state.runId());
        if (!replica.isReplica()) {
            if (requested == null) {
                throw new StepFailed("replica " + replicaId + " is already standalone but this run did not promote it");
            }
            return new RunState.Promotion(requested, replica.isPromotionComplete(), replica.status(), null,
                    recordedRetention(state.runId()));
        }
        if (requested != null && !replica.isAvailable()) {
            // Our earlier call is being carried out (modifying / rebooting): do not call again.
            return new RunState.Promotion(requested, false, replica.status(), null, recordedRetention(state.runId()));
        }
        if (!replica.isAvailable()) {
            // PromoteReadReplica is refused while backing-up; the state machine retries.
            throw new NotReadyYet("replica " + replicaId + " is " + replica.status() + "; promotion needs it available");
        }
        RunState.BackupRetention retention = retentionFor(state);
        Instant now = requested != null ? requested : clock.instant();
        // A retried call writes the first request's time again, unchanged.
        runs.recordResources(state.runId(), Map.of(RETENTION, String.valueOf(retention.days()), REQUESTED, now.toString()));
        instances.promote(replicaId, retention.days());
        return new RunState.Promotion(now, false, "promoting", null, retention.days());
    }

    /**
     * The retention the promoted instance keeps: the input's, else the source's own (a promoted
     * production replica should keep what production keeps); empty if neither is known.
     */
    public static Optional<RunState.BackupRetention> backupRetention(PromoteReplicaInput in, InstanceDescription source) {
        Integer given = in.replica().backupRetentionPeriod();
        if (given != null) return Optional.of(new RunState.BackupRetention(given, "replica.backupRetentionPeriod of the input"));
        if (source != null && source.backupRetentionPeriod() != null) {
            return Optional.of(new RunState.BackupRetention(source.backupRetentionPeriod(),
                    "the source's (" + source.id() + ")"));
        }
        return Optional.empty();
    }

    /** Preflight's decision, or (a state from before it was recorded) the same rule again. */
    private RunState.BackupRetention retentionFor(RunState state) {
        if (state.instances() != null && state.instances().promotedBackupRetention() != null) {
            return state.instances().promotedBackupRetention();
        }
        String sourceId = state.input().source().instanceId();
        return backupRetention(state.input(), instances.describe(sourceId).orElse(null))
                .orElseThrow(() -> new StepFailed("the backup retention for the promoted replica is unknown: RDS reports"
                        + " none for the source " + sourceId + "; give replica.backupRetentionPeriod in the input"));
    }

    private Integer recordedRetention(String runId) {
        String value = runs.run(runId).map(RunRecord::resources).map(r -> r.get(RETENTION)).orElse(null);
        return value == null ? null : Integer.valueOf(value);
    }

    /** Poll fallback when no event completed the wait. */
    public RunState.Promotion checkPromotion(RunState state) {
        String replicaId = state.input().replica().instanceId();
        InstanceDescription replica = describe(replicaId);
        Instant requested = state.promotion() == null ? requestedAt(state.runId()) : state.promotion().requestedAt();
        if (replica.isPromotionComplete()) {
            return new RunState.Promotion(requested, true, replica.status(), clock.instant(), recordedRetention(state.runId()));
        }
        long waited = requested == null ? 0 : Duration.between(requested, clock.instant()).toSeconds();
        if (waited >= state.input().limits().promotionTimeoutSeconds()) {
            throw new StepFailed("replica " + replicaId + " is still " + replica.status()
                    + (replica.isReplica() ? " and a replica" : " (no longer a replica)") + " " + waited
                    + " s after promotion was requested");
        }
        return new RunState.Promotion(requested, false, replica.status(), null, recordedRetention(state.runId()));
    }

    private InstanceDescription describe(String replicaId) {
        return instances.describe(replicaId)
                .orElseThrow(() -> new StepFailed("replica " + replicaId + " does not exist"));
    }

    private Instant requestedAt(String runId) {
        String value = runs.run(runId).map(RunRecord::resources).map(r -> r.get(REQUESTED)).orElse(null);
        return value == null ? null : Instant.parse(value);
    }
}
