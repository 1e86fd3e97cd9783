package io.cutover.jdbc;

import io.cutover.probe.DbConnection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ConnectionFactory} that records, for every query executed, its SQL, the fetch size it
 * was given and whether the connection was in autocommit then (pgjdbc streams a result with a
 * cursor only when a fetch size is set and autocommit is off).
 */
final class StatementRecorder implements ConnectionFactory {

    record Executed(String sql, int fetchSize, boolean autoCommit) {
    }

    private final ConnectionFactory real;
    final List<Executed> executed = new CopyOnWriteArrayList<>();

    StatementRecorder(ConnectionFactory real) {
        this.real = real;
    }

    @Override
    public Duration statementTimeout() {
        return real.statementTimeout();
    }

    @Override
    public Connection open(DbConnection target) throws SQLException {
        Connection c = real.open(target);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement ps) {
                        return statement(c, ps, (String) args[0]);
                    }
                    return result;
                });
    }

    private PreparedStatement statement(Connection c, PreparedStatement ps, String sql) {
        int[] fetchSize = {0};
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("setFetchSize")) fetchSize[0] = (Integer) args[0];
            if (method.getName().equals("executeQuery")) executed.add(new Executed(sql, fetchSize[0], c.getAutoCommit()));
            return invoke(ps, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{PreparedStatement.class}, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
