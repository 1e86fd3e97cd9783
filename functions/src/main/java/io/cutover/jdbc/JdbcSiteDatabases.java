package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.secrets.Secrets;
import io.cutover.switchover.SiteDatabase;
import io.cutover.switchover.SiteDatabases;

/** The JDBC {@link SiteDatabase} for each engine, sharing one connection factory. */
public final class JdbcSiteDatabases implements SiteDatabases {

    private final PostgresSiteDatabase postgres;
    private final OracleSiteDatabase oracle;

    /** For Lambda: credentials from Secrets, sslmode from the environment. */
    public JdbcSiteDatabases(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment()));
    }

    public JdbcSiteDatabases(ConnectionFactory connections) {
        this.postgres = new PostgresSiteDatabase(connections);
        this.oracle = new OracleSiteDatabase(connections);
    }

    @Override
    public SiteDatabase forEngine(Engine engine) {
        return switch (engine) {
            case POSTGRES -> postgres;
            case ORACLE -> oracle;
        };
    }
}
