package io.cutover.migrate.preparation;

import io.cutover.migrate.TableName;

/**
 * A secondary object of a target table that slows the full load or trips over it, recorded with
 * everything needed to recreate it exactly as it was.
 *
 * @param definition      the catalog's DDL: pg_get_indexdef, pg_get_constraintdef or pg_get_triggerdef
 * @param indexDefinition for a unique constraint, the DDL of the index behind it (rebuilt concurrently first)
 * @param validated       for a foreign key, whether it was validated (a NOT VALID one is recreated NOT VALID)
 * @param triggerEnabled  for a trigger, pg_trigger.tgenabled: O (origin), D (disabled), R (replica), A (always)
 * @param clustered       for an index, whether the table is clustered on it
 * @param comment         COMMENT ON the object, or null
 */
public record HeldBackObject(Kind kind, TableName table, String name, String definition, String indexDefinition,
                             boolean validated, String triggerEnabled, boolean clustered, String comment) {

    public enum Kind {
        /** A secondary index (not behind a primary key, unique constraint or replica identity). */
        INDEX,
        /** A UNIQUE constraint and its index. */
        UNIQUE_CONSTRAINT,
        /** A foreign key on the table, or one on another table that references it. */
        FOREIGN_KEY,
        /** A user trigger (not a constraint's internal one). */
        TRIGGER
    }

    public static HeldBackObject index(TableName table, String name, String definition, boolean clustered, String comment) {
        return new HeldBackObject(Kind.INDEX, table, name, definition, null, true, null, clustered, comment);
    }

    @Override
    public String toString() {
        return kind + " " + name + " on " + table;
    }
}
