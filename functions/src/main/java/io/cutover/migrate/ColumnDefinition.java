package io.cutover.migrate;

/**
 * A column as the catalog describes it.
 *
 * @param name        the column name as stored (folded)
 * @param dataType    the engine's type as it would be written in DDL, e.g. {@code numeric(12,2)}, {@code VARCHAR2(40)}
 * @param kind        what it holds, engine-neutral
 * @param lob         whether DMS handles it as a LOB (and so truncates it at LobMaxSize in limited LOB mode)
 * @param nativeHash  whether the engine can hash its stored value exactly as it is (PostgreSQL: a hash
 *                    function that distinguishes every value its text form distinguishes)
 * @param collation   collation name for strings when it matters for ordering ({@code null}: the engine's binary order)
 * @param byteOrdered whether ordering by this column equals ordering by its bytes (numbers, dates, C collation)
 */
public record ColumnDefinition(String name, String dataType, ValueKind kind, boolean lob, boolean nativeHash,
                               String collation, boolean byteOrdered) {

    public ColumnDefinition {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("column name is missing");
        if (dataType == null || dataType.isEmpty()) throw new IllegalArgumentException("column " + name + ": data type is missing");
        if (kind == null) throw new IllegalArgumentException("column " + name + ": kind is missing");
    }

    @Override
    public String toString() {
        return name + " " + dataType;
    }
}
