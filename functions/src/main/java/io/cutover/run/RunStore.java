package io.cutover.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the runs table (run items, source locks, waiting task tokens). */
public interface RunStore {

    /** Creates the run item if it does not exist yet (a retried first step changes nothing). */
    void createRun(RunRecord run);

    Optional<RunRecord> run(String runId);

    /** Appends a line to the step history and sets the current step. */
    default void recordStep(String runId, StepEvent event) {
        recordSteps(runId, List.of(event));
    }

    /**
     * Appends lines to the step history in one write and sets the current step to the last one's:
     * a step records its start and its outcome together, one write per step instead of two.
     */
    void recordSteps(String runId, List<StepEvent> events);

    /** Records a created or used resource (e.g. "targetEndpointArn"). */
    default void recordResource(String runId, String role, String value) {
        recordResources(runId, Map.of(role, value));
    }

    /**
     * Records several resources (role -> value) in one write: a step that makes or finds several
     * at once (a slot and where it lives) records them together, and a failure records none.
     */
    void recordResources(String runId, Map<String, String> resources);

    void recordPosition(String runId, String position);

    /** Ends the run with a status and (for failures) the cause. */
    void finish(String runId, RunStatus status, String cause);

    /**
     * Takes the one-run-per-source lock. Idempotent for the same run.
     *
     * @throws LockHeldException if another run holds it
     */
    void acquireLock(String sourceId, String runId);

    /** Releases the lock if (and only if) this run holds it. @return true if released */
    boolean releaseLock(String sourceId, String runId);

    /** Which run holds the lock on a source, if any. */
    Optional<String> lockHolder(String sourceId);

    /** Stores (or replaces: a retried wait brings a new token) a waiter. */
    void saveWaiter(Waiter waiter);

    List<Waiter> waiters(String resourceId);

    /**
     * Removes a waiter if it still holds this token. Exactly one of several concurrent
     * callers gets true, so only one completes the token.
     */
    boolean removeWaiter(Waiter waiter);
}
