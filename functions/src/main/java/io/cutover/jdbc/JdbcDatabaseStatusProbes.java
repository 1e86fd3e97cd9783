package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.secrets.Secrets;
import io.cutover.status.DatabaseStatusProbe;
import io.cutover.status.DatabaseStatusProbes;

import java.time.Duration;

/** The JDBC status probe for each engine, sharing one connection factory. */
public final class JdbcDatabaseStatusProbes implements DatabaseStatusProbes {

    private final PostgresStatusProbe postgres;
    private final OracleStatusProbe oracle;

    /** Credentials from Secrets; sslmode from the environment; short timeouts: a status waits on nobody. */
    public JdbcDatabaseStatusProbes(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, statusSettings()));
    }

    public JdbcDatabaseStatusProbes(ConnectionFactory connections) {
        this.postgres = new PostgresStatusProbe(connections);
        this.oracle = new OracleStatusProbe(connections);
    }

    /** Connect within 5 s and answer each statement within 10 s, below a status section's deadline. */
    public static JdbcSettings statusSettings() {
        return new JdbcSettings(JdbcSettings.fromEnvironment().postgresSslMode(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Override
    public DatabaseStatusProbe forEngine(Engine engine) {
        return switch (engine) {
            case POSTGRES -> postgres;
            case ORACLE -> oracle;
        };
    }
}
