package io.cutover.promote;

import io.cutover.runbook.FreezeApplications;
import io.cutover.failure.LambdaErrorCause;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The safe state after any failure: applications this run froze are open again (still on the
 * source), the lock is released, the cause is recorded. Nothing is deleted and nothing is
 * promoted; what was created is named so an operator can decide about it.
 */
public final class Rollback {
    private final FreezeApplications freeze;
    private final RunStore runs;

    public Rollback(FreezeApplications freeze, RunStore runs) {
        this.freeze = freeze;
        this.runs = runs;
    }

    public record Outcome(String error, String cause, String failedStep, List<String> thawed) {
    }

    public Outcome rollBack(RunState state, JsonNode error) {
        String errorName = error == null ? "Unknown" : error.path("Error").asText("Unknown");
        String message = LambdaErrorCause.message(error == null ? null : error.path("Cause").asText(null));
        Optional<RunRecord> run = runs.run(state.runId());
        String failedStep = run.map(RunRecord::currentStep).orElse("unknown step");
        Map<String, String> resources = run.map(RunRecord::resources).orElse(Map.of());

        List<String> problems = new ArrayList<>();
        List<String> thawed = List.of();
        try {
            thawed = freeze.thaw(state.runId(), state.input().applications());
        } catch (RuntimeException e) {
            problems.add("could not thaw every application (" + e.getMessage() + "); check the appmap");
        }

        StringBuilder cause = new StringBuilder();
        cause.append(failedStep).append(" failed: ").append(message).append('.');
        if (resources.containsKey(ReplicaPromotion.REQUESTED)) {
            cause.append(" The replica ").append(state.input().replica().instanceId())
                    .append(" was promoted and is now a standalone instance: it no longer replicates from ")
                    .append(state.input().source().instanceId()).append('.');
        } else {
            cause.append(" The replica was not promoted and still replicates from the source.");
        }
        cause.append(" Applications thawed on the source site: ").append(thawed.isEmpty() ? "none" : String.join(", ", thawed))
                .append('.');
        List<String> leftInPlace = new ArrayList<>();
        for (String role : List.of("logicalSlot", "targetEndpointArn", "cdcTaskArn")) {
            if (resources.containsKey(role)) leftInPlace.add(role + "=" + resources.get(role));
        }
        if (!leftInPlace.isEmpty()) {
            cause.append(" Left in place (nothing is deleted by rollback): ").append(String.join(", ", leftInPlace)).append('.');
            if (resources.containsKey("logicalSlot")) {
                cause.append(" Drop the logical slot on the source when no longer needed: it retains WAL.");
            }
        }
        for (String p : problems) cause.append(' ').append(p).append('.');

        runs.finish(state.runId(), RunStatus.ROLLED_BACK, cause.toString());
        runs.releaseLock(state.input().source().instanceId(), state.runId());
        return new Outcome(errorName, cause.toString(), failedStep, thawed);
    }
}
