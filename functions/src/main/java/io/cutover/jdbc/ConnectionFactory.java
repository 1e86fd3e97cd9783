package io.cutover.jdbc;

import io.cutover.probe.DbConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;

/**
 * Opens the JDBC connections the probes use. The seam tests replace to point a probe at a
 * stand-in database; {@link JdbcConnectionFactory} is the real one.
 */
public interface ConnectionFactory {

    /** A plain connection to the target, authenticated with the target's secret. */
    Connection open(DbConnection target) throws SQLException;

    /**
     * A connection whose session starts now, never one kept from before: its settings are what an
     * application's new session gets (role and database defaults as they are now, whoever changed
     * them since), for questions about exactly that.
     */
    default Connection openNew(DbConnection target) throws SQLException {
        return open(target);
    }

    /**
     * PostgreSQL only: a walsender connection ({@code replication=database}) that accepts
     * replication commands such as TIMELINE_HISTORY. Needs the REPLICATION attribute
     * (rds_replication on RDS), not superuser.
     */
    default Connection openReplication(DbConnection target) throws SQLException {
        throw new SQLFeatureNotSupportedException("no replication connections to " + target.host());
    }

    /** Upper bound for one statement, so a probe cannot hang a Lambda. */
    default Duration statementTimeout() {
        return JdbcSettings.DEFAULT_STATEMENT_TIMEOUT;
    }
}
