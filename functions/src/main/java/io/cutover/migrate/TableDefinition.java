package io.cutover.migrate;

import java.util.List;
import java.util.Optional;

/**
 * A table's columns in their order and its primary key (empty when it has none).
 *
 * @param estimatedRows the catalog's row estimate (PostgreSQL reltuples, Oracle NUM_ROWS), -1 when unknown
 * @param bytes         the table's size on disk, -1 when unknown
 */
public record TableDefinition(TableName name, List<ColumnDefinition> columns, List<String> primaryKey,
                              long estimatedRows, long bytes) {

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        for (String k : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException(name + ": primary key column " + k + " is not a column of the table");
            }
        }
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public Optional<ColumnDefinition> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<ColumnDefinition> keyColumns() {
        return primaryKey.stream().map(k -> column(k).orElseThrow()).toList();
    }

    public List<ColumnDefinition> lobColumns() {
        return columns.stream().filter(ColumnDefinition::lob).toList();
    }
}
