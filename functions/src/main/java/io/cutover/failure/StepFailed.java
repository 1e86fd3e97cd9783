package io.cutover.failure;

/** The step failed for good; the run rolls back with this message as the cause. */
public class StepFailed extends RuntimeException {
    public StepFailed(String message) {
        super(message);
    }

    public StepFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
