package io.cutover.rehearsal.migration;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The migration rehearsal's business application: like the heartbeat, it reads its appmap entry
 * before each write, holds while FROZEN and writes to the active site. Each write is one
 * transaction over most tables - an order (identity and a plain sequence), a customer updated, an
 * event inserted (GENERATED ALWAYS identity) and the oldest deleted, an audit row (no primary key) -
 * so CDC carries inserts, updates and deletes, and after the cutover the target's sequences must be
 * ahead of every id the source handed out, or its inserts fail.
 */
public final class ShopApplication implements AutoCloseable {
    private final String name;
    private final AppMap appMap;
    private final Secrets secrets;
    private final Duration pace;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong committedOnTarget = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final Thread thread;
    private volatile String lastError;
    private Connection connection;
    private String connectedSite;

    ShopApplication(String name, AppMap appMap, Secrets secrets, Duration pace) {
        this.name = name;
        this.appMap = appMap;
        this.secrets = secrets;
        this.pace = pace;
        this.thread = new Thread(this::loop, "shop-" + name);
        this.thread.setDaemon(true);
    }

    ShopApplication start() {
        thread.start();
        return this;
    }

    /** Transactions committed, in all. */
    public long committed() {
        return committed.get();
    }

    /** Transactions committed on SITEB (the target, after the cutover). */
    public long committedOnTarget() {
        return committedOnTarget.get();
    }

    public long failedWrites() {
        return failedWrites.get();
    }

    public String lastError() {
        return lastError;
    }

    private void loop() {
        while (running.get()) {
            try {
                Optional<Application> entry = appMap.get(name);
                if (entry.isPresent() && entry.get().status() == AppStatus.OPEN) write(entry.get().activeSite(), entry.get().active());
            } catch (RuntimeException | SQLException e) {
                failedWrites.incrementAndGet();
                lastError = e.getMessage();
                closeConnection();
            }
            try {
                Thread.sleep(pace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closeConnection();
    }

    private void write(String siteName, Site site) throws SQLException {
        if (connection == null || !siteName.equals(connectedSite)) {
            closeConnection();
            connection = connect(site);
            connectedSite = siteName;
        }
        int customer = 1 + ThreadLocalRandom.current().nextInt(2000);
        connection.setAutoCommit(false);
        try {
            update("INSERT INTO orders (customer_id, amount) VALUES (?, 9.99)", customer);
            update("UPDATE customers SET updated_at = clock_timestamp(), name = 'customer ' || id || ' (' || ? || ')'"
                    + " WHERE id = ?", committed.get(), customer);
            update("INSERT INTO events (kind, payload, at) VALUES ('buy', 'order by customer ' || ?, clock_timestamp())", customer);
            update("DELETE FROM events WHERE id = (SELECT min(id) FROM events)");
            update("INSERT INTO audit_log VALUES (clock_timestamp(), ?, 'ordered')", name);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        committed.incrementAndGet();
        if ("SITEB".equals(siteName)) committedOnTarget.incrementAndGet();
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) p.setObject(i + 1, parameters[i]);
            p.executeUpdate();
        }
    }

    private Connection connect(Site site) throws SQLException {
        DbCredentials cred = secrets.credentials(site.secretArn());
        Properties props = new Properties();
        props.setProperty("user", cred.username());
        props.setProperty("password", cred.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "shop-" + name);
        return DriverManager.getConnection(JdbcConnectionFactory.url(
                new DbConnection(site.engine(), site.host(), site.port(), site.database(), site.secretArn())), props);
    }

    private void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    /** Stops writing and waits for the last write to end. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
