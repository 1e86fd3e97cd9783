package io.cutover.probe;

/**
 * Whether a logical slot is on the source and who reads it now.
 *
 * @param readerPid the walsender reading it (pg_replication_slots.active_pid); null when inactive
 */
public record SlotUse(boolean exists, Integer readerPid) {
    public static final SlotUse ABSENT = new SlotUse(false, null);

    public boolean active() {
        return readerPid != null;
    }
}
