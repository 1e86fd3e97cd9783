package io.cutover.failure;

/** Another run holds the source; this run ends before touching anything. */
public class RunRefused extends RuntimeException {
    public RunRefused(String message) {
        super(message);
    }
}
