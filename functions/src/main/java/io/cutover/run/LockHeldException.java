package io.cutover.run;

/** Another run holds the lock on this source. */
public class LockHeldException extends RuntimeException {
    private final String holderRunId;

    public LockHeldException(String sourceId, String holderRunId) {
        super("source " + sourceId + " is locked by run " + holderRunId
                + "; one run per source at a time (wait for it to end, or release its lock after checking it is dead)");
        this.holderRunId = holderRunId;
    }

    public String holderRunId() {
        return holderRunId;
    }
}
