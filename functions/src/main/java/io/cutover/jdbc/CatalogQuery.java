package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one dictionary query for the table-definition readers: {@link JdbcSession#list}, or the same on a held connection. */
@FunctionalInterface
interface CatalogQuery {

    <T> List<T> list(String sql, JdbcSession.Row<T> row, Object... params) throws SQLException;

    static CatalogQuery on(Connection c, int timeoutSeconds) {
        return new CatalogQuery() {
            @Override
            public <T> List<T> list(String sql, JdbcSession.Row<T> row, Object... params) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setQueryTimeout(timeoutSeconds);
                    for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
                    List<T> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(row.map(rs));
                    }
                    return out;
                }
            }
        };
    }

    /** One column row of a dictionary query, with its table's row estimate and size. */
    record ColumnRow(TableName table, ColumnDefinition column, long rows, long bytes) {
    }

    /** One primary-key column, rows in key order. */
    record KeyRow(TableName table, String column) {
    }

    /** Tables from column rows (in column order) and key rows (in key order). */
    static List<TableDefinition> tables(List<ColumnRow> columns, List<KeyRow> keys) {
        Map<TableName, List<ColumnDefinition>> byTable = new LinkedHashMap<>();
        Map<TableName, ColumnRow> first = new LinkedHashMap<>();
        for (ColumnRow r : columns) {
            byTable.computeIfAbsent(r.table(), k -> new ArrayList<>()).add(r.column());
            first.putIfAbsent(r.table(), r);
        }
        Map<TableName, List<String>> keyColumns = new LinkedHashMap<>();
        for (KeyRow k : keys) keyColumns.computeIfAbsent(k.table(), t -> new ArrayList<>()).add(k.column());
        List<TableDefinition> out = new ArrayList<>();
        byTable.forEach((name, cols) -> out.add(new TableDefinition(name, cols, keyColumns.getOrDefault(name, List.of()),
                first.get(name).rows(), first.get(name).bytes())));
        return out;
    }
}
