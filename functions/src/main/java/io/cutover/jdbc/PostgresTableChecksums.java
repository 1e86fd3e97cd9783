package io.cutover.jdbc;

import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;

import java.time.Duration;

/** {@link TableChecksums} for PostgreSQL over JDBC (see {@link PostgresChecksumSql} for the SQL). */
public final class PostgresTableChecksums implements TableChecksums {

    /** One chunk, one bisection step or one listing: minutes at most even on a slow server. */
    static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(10);

    private final ConnectionFactory connections;
    private final ChecksumSql sql = new PostgresChecksumSql();

    public PostgresTableChecksums(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, longStatements(JdbcSettings.fromEnvironment())));
    }

    public PostgresTableChecksums(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public ChecksumSession open(DbConnection db) {
        return JdbcChecksumSession.open(connections, sql, db);
    }

    /**
     * The count and row-hash sum of a whole table in one query, as a chunk's checksum computes them
     * over a key range: what the benchmark runs as "one query" beside the validation's chunks.
     */
    public static String wholeTableChecksum(io.cutover.migrate.validation.RowHashPlan plan) {
        return new PostgresChecksumSql().checksum(plan, ChecksumSql.Condition.all());
    }

    /** The environment's settings with a statement (and so socket) timeout fit for scans. */
    static JdbcSettings longStatements(JdbcSettings settings) {
        return new JdbcSettings(settings.postgresSslMode(), settings.connectTimeout(), STATEMENT_TIMEOUT);
    }
}
