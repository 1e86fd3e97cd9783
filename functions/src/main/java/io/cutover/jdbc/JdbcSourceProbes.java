package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;
import io.cutover.secrets.Secrets;

/** The JDBC probe for each engine, sharing one connection factory. */
public final class JdbcSourceProbes implements SourceProbes {

    private final PostgresProbe postgres;
    private final OracleProbe oracle;

    /** For Lambda: credentials from Secrets, sslmode from the environment. */
    public JdbcSourceProbes(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment()));
    }

    public JdbcSourceProbes(ConnectionFactory connections) {
        this.postgres = new PostgresProbe(connections);
        this.oracle = new OracleProbe(connections);
    }

    @Override
    public SourceProbe forEngine(Engine engine) {
        return switch (engine) {
            case POSTGRES -> postgres;
            case ORACLE -> oracle;
        };
    }
}
