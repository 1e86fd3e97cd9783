package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections to H2 in Oracle mode instead of Oracle: one in-memory database per target host,
 * created on first use with the V$ tables of {@code oracle/standin-schema.sql}.
 * NON_KEYWORDS=VALUE because VALUE is a column of V$DATAGUARD_STATS and a keyword only in H2.
 *
 * <p>RDS's log switch procedure ({@code CALL rdsadmin.rdsadmin_util.switch_logfile()}) is modelled
 * here, not in SQL: the source's redo so far is shipped to and applied by its standby (see
 * {@link #ships}), whose V$DATABASE.CURRENT_SCN then reaches the source's. Without it an idle
 * primary's SCN moves on and the standby's does not, as on Oracle.
 */
final class OracleStandIn implements ConnectionFactory {

    /** A primary and its standby, one in-memory database each (a stand-in database per host). */
    static final DbConnection SOURCE = new DbConnection(Engine.ORACLE, "source", 1521, "ORCL", "arn:source");
    static final DbConnection STANDBY = new DbConnection(Engine.ORACLE, "standby", 1521, "ORCL", "arn:standby");

    /** The login every stand-in connection uses (USER reads it): the DMS user's usual name. */
    static final String LOGIN = "DMS_USER";
    private static final String SWITCH_LOGFILE = "rdsadmin.rdsadmin_util.switch_logfile";
    private final String run = UUID.randomUUID().toString().replace("-", "");
    private final Set<String> created = new HashSet<>();
    private final Map<String, String> standbyOf = new HashMap<>();
    final AtomicInteger logSwitches = new AtomicInteger();

    /** The standby host that applies the redo of a source host. */
    synchronized OracleStandIn ships(String sourceHost, String standbyHost) {
        standbyOf.put(sourceHost, standbyHost);
        return this;
    }

    @Override
    public synchronized Connection open(DbConnection target) throws SQLException {
        Connection c = raw(target.host());
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                            && sql.toLowerCase(Locale.ROOT).contains(SWITCH_LOGFILE)) {
                        switchLogfile(target.host());
                        return c.prepareStatement("SELECT 1 FROM DUAL");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Connection raw(String host) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:" + host + "_" + run
                + ";MODE=Oracle;DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", LOGIN, "");
        if (created.add(host)) {
            try (Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM 'classpath:oracle/standin-schema.sql'");
            }
        }
        return c;
    }

    private synchronized void switchLogfile(String sourceHost) throws SQLException {
        logSwitches.incrementAndGet();
        String standby = standbyOf.get(sourceHost);
        if (standby == null) return;
        long scn;
        try (Connection s = raw(sourceHost); Statement st = s.createStatement();
             var rs = st.executeQuery("SELECT CURRENT_SCN FROM V$DATABASE")) {
            if (!rs.next()) return;
            scn = rs.getLong(1);
        }
        try (Connection s = raw(standby); Statement st = s.createStatement()) {
            st.execute("UPDATE V$DATABASE SET CURRENT_SCN = GREATEST(CURRENT_SCN, " + scn + ")");
        }
    }
}
