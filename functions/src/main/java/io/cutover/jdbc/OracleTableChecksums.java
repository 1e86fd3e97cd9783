package io.cutover.jdbc;

import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;

/** {@link TableChecksums} for Oracle over JDBC (see {@link OracleChecksumSql} for the SQL). */
public final class OracleTableChecksums implements TableChecksums {

    private final ConnectionFactory connections;
    private final ChecksumSql sql = new OracleChecksumSql();

    public OracleTableChecksums(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, PostgresTableChecksums.longStatements(JdbcSettings.fromEnvironment())));
    }

    public OracleTableChecksums(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public ChecksumSession open(DbConnection db) {
        return JdbcChecksumSession.open(connections, sql, db);
    }
}
