package io.cutover.rehearsal.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQL the tests run on a server directly, as {@link PgServer#credentials()}. */
public final class PgSql {
    private PgSql() {
    }

    /** Runs the statements in order, on one connection. */
    public static void exec(PgServer server, String... sql) {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", sql), e);
        }
    }

    /** The first column of the first row, as text (the row must exist). */
    public static String text(PgServer server, String sql) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "no row: " + sql);
            return rs.getString(1);
        }
    }
}
