package io.cutover.rehearsal.engine;

/** How an execution ended (Step Functions execution statuses). */
public enum ExecutionStatus {
    SUCCEEDED, FAILED, ABORTED, TIMED_OUT
}
