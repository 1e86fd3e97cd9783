package io.cutover.promote;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Promotes the replica exactly once. The intent is recorded in the run item before the call, so
 * a retried step sees it and never calls PromoteReadReplica on an instance already promoting.
 */
public final class ReplicaPromotion {
    static final String REQUESTED = "promotionRequestedAt";
    private final DatabaseInstances instances;
    private final RunStore runs;
    private final Clock clock;

    public ReplicaPromotion(DatabaseInstances instances, RunStore runs, Clock clock) {
        this.instances = instances;
        this.runs = runs;
        this.clock = clock;
    }

    public RunState.Promotion promoteReplica(RunState state) {
        String replicaId = state.input().replica().instanceId();
        InstanceDescription replica = describe(replicaId);
        Instant requested = requestedAt(state.runId());
        if (!replica.isReplica()) {
            if (requested == null) {
                throw new StepFailed("replica " + replicaId + " is already standalone but this run did not promote it");
            }
            return new RunState.Promotion(requested, replica.isPromotionComplete(), replica.status(), null);
        }
        if (requested != null && !replica.isAvailable()) {
            // Our earlier call is being carried out (modifying / rebooting): do not call again.
            return new RunState.Promotion(requested, false, replica.status(), null);
        }
        if (!replica.isAvailable()) {
            // PromoteReadReplica is refused while backing-up; the state machine retries.
            throw new NotReadyYet("replica " + replicaId + " is " + replica.status() + "; promotion needs it available");
        }
        Instant now = requested != null ? requested : clock.instant();
        if (requested == null) runs.recordResource(state.runId(), REQUESTED, now.toString());
        instances.promote(replicaId);
        return new RunState.Promotion(now, false, "promoting", null);
    }

    /** Poll fallback when no event completed the wait. */
    public RunState.Promotion checkPromotion(RunState state) {
        String replicaId = state.input().replica().instanceId();
        InstanceDescription replica = describe(replicaId);
        Instant requested = state.promotion() == null ? requestedAt(state.runId()) : state.promotion().requestedAt();
        if (replica.isPromotionComplete()) {
            return new RunState.Promotion(requested, true, replica.status(), clock.instant());
        }
        long waited = requested == null ? 0 : Duration.between(requested, clock.instant()).toSeconds();
        if (waited >= state.input().limits().promotionTimeoutSeconds()) {
            throw new StepFailed("replica " + replicaId + " is still " + replica.status()
                    + (replica.isReplica() ? " and a replica" : " (no longer a replica)") + " " + waited
                    + " s after promotion was requested");
        }
        return new RunState.Promotion(requested, false, replica.status(), null);
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
