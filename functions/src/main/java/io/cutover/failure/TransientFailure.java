package io.cutover.failure;

/** A call failed in a way worth retrying (throttling, 5xx, connection reset). */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
