package io.cutover.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
}
