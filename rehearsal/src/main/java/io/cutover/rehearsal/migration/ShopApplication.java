package io.cutover.rehearsal.migration;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.application.ActiveSiteConnection;
import io.cutover.secrets.Secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
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
    private final ActiveSiteConnection sites;
    private final Duration pace;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong committedOnTarget = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final Thread thread;
    private volatile String lastError;

    ShopApplication(String name, AppMap appMap, Secrets secrets, Duration pace) {
        this.name = name;
        this.appMap = appMap;
        this.sites = new ActiveSiteConnection(secrets, "shop-" + name);
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
                sites.close();
            }
            try {
                Thread.sleep(pace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        sites.close();
    }

    private void write(String siteName, Site site) throws SQLException {
        Connection connection = sites.to(siteName, site);
        int customer = 1 + ThreadLocalRandom.current().nextInt(2000);
        connection.setAutoCommit(false);
        try {
            update(connection, "INSERT INTO orders (customer_id, amount) VALUES (?, 9.99)", customer);
            update(connection, "UPDATE customers SET updated_at = clock_timestamp(),"
                    + " name = 'customer ' || id || ' (' || ? || ')' WHERE id = ?", committed.get(), customer);
            update(connection, "INSERT INTO events (kind, payload, at) VALUES ('buy', 'order by customer ' || ?, clock_timestamp())",
                    customer);
            update(connection, "DELETE FROM events WHERE id = (SELECT min(id) FROM events)");
            update(connection, "INSERT INTO audit_log VALUES (clock_timestamp(), ?, 'ordered')", name);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        committed.incrementAndGet();
        if ("SITEB".equals(siteName)) committedOnTarget.incrementAndGet();
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) p.setObject(i + 1, parameters[i]);
            p.executeUpdate();
        }
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
