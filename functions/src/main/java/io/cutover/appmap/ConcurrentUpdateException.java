package io.cutover.appmap;

/** The appmap entry changed since it was read (optimistic lock lost). */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String app, long expectedVersion) {
        super("appmap entry " + app + " changed since version " + expectedVersion + " was read");
    }
}
