package io.cutover.jdbc;

import java.time.Duration;
import java.util.Map;

/**
 * Connection settings shared by every probe connection.
 *
 * @param postgresSslMode  pgjdbc sslmode (disable, allow, prefer, require, verify-ca, verify-full)
 * @param connectTimeout   TCP connect and login bound
 * @param statementTimeout bound for one statement; the socket read timeout sits a little above it
 */
public record JdbcSettings(String postgresSslMode, Duration connectTimeout, Duration statementTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    /** Environment variable that overrides the PostgreSQL sslmode (RDS accepts prefer; verify-full needs the RDS CA bundle). */
    public static final String SSLMODE_VARIABLE = "CUTOVER_PG_SSLMODE";

    public static JdbcSettings defaults() {
        return new JdbcSettings("prefer", DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    public static JdbcSettings fromEnvironment() {
        return from(System.getenv());
    }

    static JdbcSettings from(Map<String, String> environment) {
        String sslMode = environment.getOrDefault(SSLMODE_VARIABLE, "").trim();
        return new JdbcSettings(sslMode.isEmpty() ? "prefer" : sslMode, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    /** Socket read timeout: a backstop behind the statement timeout for a server that stops answering. */
    Duration socketTimeout() {
        return statementTimeout.plusSeconds(15);
    }
}
