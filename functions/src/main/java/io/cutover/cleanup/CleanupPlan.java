package io.cutover.cleanup;

import java.util.List;

/**
 * What the clean-up of one run would do, resource by resource, in the order it acts: tasks, then
 * endpoints (DMS refuses to delete an endpoint a task uses), then the slot (a task reads it).
 *
 * @param refusal why the run as a whole is refused (it is still running); null otherwise
 */
public record CleanupPlan(String runId, String runbook, String runStatus, boolean stopTasks, List<Removal> removals,
                          String refusal) {

    public CleanupPlan {
        removals = List.copyOf(removals);
    }

    /** Nothing is done when anything is refused: a half clean-up would delete an endpoint under a task. */
    public boolean refused() {
        return refusal != null || removals.stream().anyMatch(r -> r.action() == Removal.Action.REFUSE);
    }

    public List<Removal> of(Removal.Kind kind) {
        return removals.stream().filter(r -> r.kind() == kind).toList();
    }

    /** Whether carrying it out changes anything (a second run after a complete one: no). */
    public boolean hasWork() {
        return removals.stream().anyMatch(r -> r.action().acts());
    }
}
