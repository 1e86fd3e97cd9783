package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.switchover.SiteDatabase;
import io.cutover.waiting.Poll;

import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What the engines' {@link SiteDatabase}s share: the connections, the identifier rule and the
 * reads that are the same SQL on both (names unquoted, so each engine folds them as it does for
 * the applications' own SQL).
 */
abstract sealed class SqlSiteDatabase implements SiteDatabase permits OracleSiteDatabase, PostgresSiteDatabase {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    protected final ConnectionFactory connections;

    SqlSiteDatabase(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public final boolean hasSentinel(DbConnection site, String schema, String table, String id) {
        return JdbcSession.run(connections, site, "sentinel read", s -> s.one(
                "SELECT count(*) FROM " + qualified(schema, table) + " WHERE id = ?", rs -> rs.getLong(1) > 0, id));
    }

    /** On one connection, autocommit: every ask sees what committed since the last; pauses as the port says. */
    @Override
    public final boolean awaitSentinel(DbConnection site, String schema, String table, String id, Duration budget,
                                       Duration pause) {
        String sql = "SELECT count(*) FROM " + qualified(schema, table) + " WHERE id = ?";
        return JdbcSession.run(connections, site, "sentinel read", s -> {
            SQLException[] failed = new SQLException[1];
            boolean seen = Poll.until(budget, pause, Poll.EVERY, () -> {
                try {
                    return s.one(sql, rs -> rs.getLong(1) > 0, id);
                } catch (SQLException e) {
                    failed[0] = e;
                    return true;
                }
            });
            if (failed[0] != null) throw failed[0];
            return seen;
        });
    }

    @Override
    public final boolean hasHeartbeat(DbConnection site, String schema, String table, long id) {
        return JdbcSession.run(connections, site, "heartbeat read", s -> s.one(
                "SELECT count(*) FROM " + qualified(schema, table) + " WHERE id = ?", rs -> rs.getLong(1) > 0, id));
    }

    static String qualified(String schema, String table) {
        return checked(schema) + "." + checked(table);
    }

    static String checked(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("'" + identifier + "' is not a plain SQL identifier");
        }
        return identifier;
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
