package io.cutover.jdbc;

import io.cutover.probe.DbConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One probe question on one connection: every statement carries the factory's timeout, and any
 * SQL failure becomes a {@link ProbeException} naming the question and the server.
 */
final class JdbcSession {

    @FunctionalInterface
    interface Work<T> {
        T run(JdbcSession session) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final int timeoutSeconds;

    private JdbcSession(Connection connection, int timeoutSeconds) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
    }

    static <T> T run(ConnectionFactory factory, DbConnection target, String question, Work<T> work) {
        return on(() -> factory.open(target), target, question, timeout(factory), work);
    }

    /** Same, on a session that starts now ({@link ConnectionFactory#openNew}): what new sessions see. */
    static <T> T runInNewSession(ConnectionFactory factory, DbConnection target, String question, Work<T> work) {
        return on(() -> factory.openNew(target), target, question, timeout(factory), work);
    }

    /**
     * Same, with every statement bounded by {@code limit} instead of the factory's timeout (a long
     * statement such as an index build); the connection's read timeout follows it.
     */
    static <T> T runWithin(ConnectionFactory factory, DbConnection target, String question, java.time.Duration limit,
                           Work<T> work) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 1000 - 60, limit.toSeconds()));
        return on(() -> factory.open(target), target, question, seconds, s -> {
            s.connection.setNetworkTimeout(Runnable::run, (seconds + 15) * 1000);
            return work.run(s);
        });
    }

    /** Same, on a PostgreSQL walsender connection (replication commands). */
    static <T> T runReplication(ConnectionFactory factory, DbConnection target, String question, Work<T> work) {
        return on(() -> factory.openReplication(target), target, question, timeout(factory), work);
    }

    @FunctionalInterface
    private interface Opening {
        Connection open() throws SQLException;
    }

    /** The work on a connection opened for it and closed after it, its statements bounded by {@code timeoutSeconds}. */
    private static <T> T on(Opening opening, DbConnection target, String question, int timeoutSeconds, Work<T> work) {
        try (Connection c = opening.open()) {
            return work.run(new JdbcSession(c, timeoutSeconds));
        } catch (SQLException e) {
            throw failure(target, question, e);
        }
    }

    /** The first row of the query, mapped; a query that returns no row is a failure. */
    <T> T one(String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("no row from: " + sql);
            return row.map(rs);
        }
    }

    /** Every row of the query, mapped (none is fine). */
    <T> java.util.List<T> list(String sql, Row<T> row, Object... params) throws SQLException {
        java.util.List<T> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(row.map(rs));
        }
        return out;
    }

    /** Like {@link #one} on a plain Statement: replication connections refuse prepared statements with parameters. */
    <T> T oneSimple(String sql, Row<T> row) throws SQLException {
        try (var st = connection.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = st.executeQuery(sql)) {
                if (!rs.next()) throw new SQLException("no row from: " + sql);
                return row.map(rs);
            }
        }
    }

    void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params)) {
            ps.execute();
        }
    }

    /** Like {@link #execute}, bounded by a shorter timeout than the factory's. */
    void executeWithin(int seconds, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params)) {
            ps.setQueryTimeout(Math.max(1, Math.min(seconds, timeoutSeconds)));
            ps.execute();
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        ps.setQueryTimeout(timeoutSeconds);
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
        return ps;
    }

    private static int timeout(ConnectionFactory factory) {
        return (int) Math.max(1, factory.statementTimeout().toSeconds());
    }

    private static ProbeException failure(DbConnection target, String question, SQLException e) {
        return new ProbeException(question + " failed on " + target.engine().dmsEngineName() + " " + target.host() + ":"
                + target.port() + "/" + target.database() + ": " + e.getMessage(), e);
    }
}
