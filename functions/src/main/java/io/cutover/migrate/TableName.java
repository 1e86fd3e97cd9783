package io.cutover.migrate;

import java.util.Comparator;
import java.util.Objects;

/**
 * A table as the database spells it (case kept: PostgreSQL folds unquoted names to lower case,
 * Oracle to upper case; the catalog holds the folded form and so does this).
 */
public record TableName(String schema, String table) implements Comparable<TableName> {

    private static final Comparator<TableName> ORDER = Comparator.comparing(TableName::schema).thenComparing(TableName::table);

    public TableName {
        if (schema == null || schema.isEmpty()) throw new IllegalArgumentException("table schema is missing");
        if (table == null || table.isEmpty()) throw new IllegalArgumentException("table name is missing in schema " + schema);
    }

    public static TableName of(String schema, String table) {
        return new TableName(schema, table);
    }

    /** schema.table, each part quoted only when it needs it to be read back unambiguously. */
    @Override
    public String toString() {
        return part(schema) + "." + part(table);
    }

    private static String part(String s) {
        return s.matches("[A-Za-z_][A-Za-z0-9_$]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    @Override
    public int compareTo(TableName o) {
        return ORDER.compare(this, Objects.requireNonNull(o));
    }
}
