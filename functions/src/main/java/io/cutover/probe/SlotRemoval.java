package io.cutover.probe;

/**
 * What dropping a run's logical slot and publication did.
 *
 * @param readerPid the walsender reading the slot, when it was kept for it
 */
public record SlotRemoval(Outcome outcome, Integer readerPid) {

    public enum Outcome {
        /** Slot and publication dropped. */
        DROPPED,
        /** Kept: a session reads the slot. */
        IN_USE,
        /** There was no such slot (its publication, if any, dropped). */
        ABSENT
    }
}
