package io.cutover.failure;

/**
 * The step cannot proceed yet but may soon (instance backing-up, task still creating, open
 * transactions). The state machine retries it with backoff; after the last retry it rolls back.
 */
public class NotReadyYet extends RuntimeException {
    public NotReadyYet(String message) {
        super(message);
    }
}
