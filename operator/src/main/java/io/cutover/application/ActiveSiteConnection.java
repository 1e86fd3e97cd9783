package io.cutover.application;

import io.cutover.appmap.Site;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The one connection of an application that follows its appmap entry (the heartbeat, the
 * migration rehearsal's shop): to the site the entry names active, opened again when that site
 * changes, dropped when a write fails so the next write connects afresh. Not thread-safe: the
 * application's writer thread owns it.
 */
public final class ActiveSiteConnection implements AutoCloseable {
    private final Secrets secrets;
    private final String applicationName;
    private Connection connection;
    private String connectedSite;

    /** @param applicationName what the database shows as the session's application_name */
    public ActiveSiteConnection(Secrets secrets, String applicationName) {
        this.secrets = secrets;
        this.applicationName = applicationName;
    }

    /** The connection to {@code siteName}, the one held if it is to that site, else a new one. */
    public Connection to(String siteName, Site site) throws SQLException {
        if (connection == null || !siteName.equals(connectedSite)) {
            close();
            connection = open(site);
            connectedSite = siteName;
        }
        return connection;
    }

    /** A new connection to a site, with the site's secret; the caller closes it. */
    public Connection open(Site site) throws SQLException {
        DbCredentials cred = secrets.credentials(site.secretArn());
        Properties props = new Properties();
        props.setProperty("user", cred.username());
        props.setProperty("password", cred.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(JdbcConnectionFactory.url(
                new DbConnection(site.engine(), site.host(), site.port(), site.database(), site.secretArn())), props);
    }

    /** Drops the held connection (after a failed write, or at the end). */
    @Override
    public void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken: nothing to release
        }
        connection = null;
    }
}
