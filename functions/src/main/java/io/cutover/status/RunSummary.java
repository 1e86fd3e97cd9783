package io.cutover.status;

import io.cutover.run.RunRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run item: where the run stands, what it captured and created, and how long each step took.
 *
 * @param resources created or used resources by role (ARNs, timestamps; no secrets)
 */
public record RunSummary(
        String runId,
        String runbook,
        String status,
        String currentStep,
        String position,
        Map<String, String> resources,
        String cause,
        Instant createdAt,
        Instant updatedAt,
        List<StepTiming> steps) {

    public static RunSummary of(RunRecord run) {
        return new RunSummary(run.runId(), run.runbook(), run.status() == null ? null : run.status().name(),
                run.currentStep(), run.position(), new TreeMap<>(run.resources()), run.cause(), run.createdAt(),
                run.updatedAt(), StepTiming.fromHistory(run.history()));
    }
}
