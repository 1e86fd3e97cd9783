package io.cutover.migrate.validation;

/**
 * One call's work on a table: its result when the table is done, else where to go on from.
 * Exactly one of the two is set.
 */
public record TablePass(TableResult result, TableCheckpoint checkpoint) {

    public TablePass {
        if ((result == null) == (checkpoint == null)) throw new IllegalArgumentException("a table pass is done or paused, not both");
    }

    public boolean done() {
        return result != null;
    }
}
