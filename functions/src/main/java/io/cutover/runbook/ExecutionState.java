package io.cutover.runbook;

/**
 * What every runbook's execution state ($ in its state machine) gives the kernel: the run it
 * belongs to, the lock it holds, how its run item starts, and the error a Catch put there. The
 * state type itself (a record) models every section a step or the state machine writes.
 */
public interface ExecutionState extends RunScoped {

    /** The lock this run holds for its whole life: one run per source, per pair, per target. */
    String lockId();

    /** The run item as it is created by the first step after validation. */
    RunSubject subject();

    /** {@code $.error}, set by a Catch before the rollback; null while nothing failed. */
    StepError error();
}
