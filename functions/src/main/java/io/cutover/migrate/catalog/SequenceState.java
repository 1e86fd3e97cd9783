package io.cutover.migrate.catalog;

/**
 * A sequence and the value it would hand out next (from the catalog: for a cached Oracle sequence
 * LAST_NUMBER is the cache's end, at or ahead of the next value - the safe side for a source).
 *
 * @param ownerTable  the table whose identity or serial column it feeds (null for a free-standing sequence)
 * @param ownerColumn that column (null likewise)
 * @param identity    whether the owner column is an identity column (GENERATED ... AS IDENTITY)
 */
public record SequenceState(String schema, String name, long next, long increment, long maxValue,
                            String ownerTable, String ownerColumn, boolean identity) {

    public boolean owned() {
        return ownerTable != null;
    }

    @Override
    public String toString() {
        return schema + "." + name + (owned() ? " (" + (identity ? "identity " : "") + ownerTable + "." + ownerColumn + ")" : "")
                + " next " + next;
    }
}
