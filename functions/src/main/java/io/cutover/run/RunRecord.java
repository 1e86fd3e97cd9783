package io.cutover.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The run item: what a cutover run is, where it stands, what it created.
 *
 * @param resources created or used resources by role (e.g. "targetEndpointArn" -> ARN)
 */
public record RunRecord(
        String runId,
        String runbook,
        String sourceId,
        String replicaId,
        String engine,
        RunStatus status,
        String currentStep,
        String position,
        Map<String, String> resources,
        List<StepEvent> history,
        String cause,
        Instant createdAt,
        Instant updatedAt) {

    public RunRecord {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
