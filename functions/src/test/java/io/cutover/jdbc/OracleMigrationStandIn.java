package io.cutover.jdbc;

import io.cutover.probe.DbConnection;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Oracle stand-in (H2 in Oracle mode, {@link OracleStandIn}) with the dictionary views and
 * functions of {@code oracle/standin-migration-schema.sql}. ALTER SESSION (NLS settings) is
 * skipped: H2 has no such statement, and its sort order is already by code point.
 */
final class OracleMigrationStandIn implements ConnectionFactory {
    private final OracleStandIn standIn = new OracleStandIn();
    private final Set<String> prepared = new HashSet<>();

    @Override
    public synchronized Connection open(DbConnection target) throws SQLException {
        Connection c = standIn.open(target);
        if (prepared.add(target.host())) {
            try (Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM 'classpath:oracle/standin-migration-schema.sql'");
            }
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = call(c, method, args);
                    return method.getName().equals("createStatement") ? skippingAlterSession((Statement) result) : result;
                });
    }

    private Statement skippingAlterSession(Statement st) {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args != null && args[0] instanceof String sql
                            && sql.toUpperCase(Locale.ROOT).startsWith("ALTER SESSION")) {
                        return false;
                    }
                    return call(st, method, args);
                });
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
