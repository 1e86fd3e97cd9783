package io.cutover.jdbc;

import io.cutover.probe.DbConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Connections to H2 in Oracle mode instead of Oracle: one in-memory database per target host,
 * created on first use with the V$ tables of {@code oracle/standin-schema.sql}.
 * NON_KEYWORDS=VALUE because VALUE is a column of V$DATAGUARD_STATS and a keyword only in H2.
 */
final class OracleStandIn implements ConnectionFactory {

    private final String run = UUID.randomUUID().toString().replace("-", "");
    private final Set<String> created = new HashSet<>();

    @Override
    public synchronized Connection open(DbConnection target) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:" + target.host() + "_" + run
                + ";MODE=Oracle;DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
        if (created.add(target.host())) {
            try (Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM 'classpath:oracle/standin-schema.sql'");
            }
        }
        return c;
    }
}
