package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Real connections: credentials from {@link Secrets} by the target's secret ARN, URL by engine,
 * connect and read timeouts always set. Passwords only ever travel in the driver Properties.
 */
public record JdbcConnectionFactory(Secrets secrets, JdbcSettings settings) implements ConnectionFactory {

    private static final String APPLICATION_NAME = "cutover-probe";


    @Override
    public Connection open(DbConnection target) throws SQLException {
        return DriverManager.getConnection(url(target), properties(target));
    }

    @Override
    public Connection openReplication(DbConnection target) throws SQLException {
        requirePostgres(target);
        Properties properties = properties(target);
        // pgjdbc runs replication commands only over the simple query protocol.
        properties.setProperty("replication", "database");
        properties.setProperty("assumeMinServerVersion", "10");
        properties.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection(url(target), properties);
    }

    @Override
    public Duration statementTimeout() {
        return settings.statementTimeout();
    }

    /** The JDBC URL for the target (no credentials in it). */
    public static String url(DbConnection target) {
        return switch (target.engine()) {
            case POSTGRES -> "jdbc:postgresql://" + target.host() + ":" + target.port() + "/"
                    + URLEncoder.encode(target.database(), StandardCharsets.UTF_8);
            // Thin driver, service name form: the RDS "DB name" is the service name.
            case ORACLE -> "jdbc:oracle:thin:@//" + target.host() + ":" + target.port() + "/" + target.database();
        };
    }

    private Properties properties(DbConnection target) {
        DbCredentials credentials = secrets.credentials(target.secretArn());
        Properties p = new Properties();
        p.setProperty("user", credentials.username());
        p.setProperty("password", credentials.password());
        long connectSeconds = settings.connectTimeout().toSeconds();
        long socketSeconds = settings.socketTimeout().toSeconds();
        switch (target.engine()) {
            case POSTGRES -> {
                p.setProperty("sslmode", settings.postgresSslMode());
                p.setProperty("connectTimeout", Long.toString(connectSeconds));
                p.setProperty("loginTimeout", Long.toString(connectSeconds));
                p.setProperty("socketTimeout", Long.toString(socketSeconds));
                p.setProperty("ApplicationName", APPLICATION_NAME);
            }
            case ORACLE -> {
                p.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(connectSeconds * 1000));
                p.setProperty("oracle.jdbc.ReadTimeout", Long.toString(socketSeconds * 1000));
                p.setProperty("v$session.program", APPLICATION_NAME);
            }
        }
        return p;
    }

    private static void requirePostgres(DbConnection target) throws SQLException {
        if (target.engine() != Engine.POSTGRES) {
            throw new SQLException("replication connections are PostgreSQL only, not " + target.engine());
        }
    }
}
