package io.cutover.rehearsal.local;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Behaves like the applications a cutover moves: before each write it reads its appmap entry,
 * writes a heartbeat row to its active site when OPEN, and holds its writes while FROZEN. It
 * measures how long it was held (the freeze window as the application saw it).
 */
public final class SampleApplication implements AutoCloseable {
    private final String name;
    private final AppMap appMap;
    private final Secrets secrets;
    private final Duration pace;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong heldMillis = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile Instant frozenSince;
    private volatile Instant lastWrite;
    private final Thread thread;
    private Connection connection;
    private String connectedSite;

    public SampleApplication(String name, AppMap appMap, Secrets secrets, Duration pace) {
        this.name = name;
        this.appMap = appMap;
        this.secrets = secrets;
        this.pace = pace;
        this.thread = new Thread(this::loop, "app-" + name);
        this.thread.setDaemon(true);
    }

    public SampleApplication start() {
        thread.start();
        return this;
    }

    public long written() {
        return written.get();
    }

    public long failedWrites() {
        return failedWrites.get();
    }

    /** Total time the application held its writes because its entry was FROZEN. */
    public Duration held() {
        Instant since = frozenSince;
        long extra = since == null ? 0 : Duration.between(since, Instant.now()).toMillis();
        return Duration.ofMillis(heldMillis.get() + extra);
    }

    public Instant lastWrite() {
        return lastWrite;
    }

    private void loop() {
        while (running.get()) {
            try {
                Optional<Application> entry = appMap.get(name);
                if (entry.isPresent() && entry.get().status() == AppStatus.FROZEN) {
                    if (frozenSince == null) frozenSince = Instant.now();
                } else if (entry.isPresent()) {
                    if (frozenSince != null) {
                        heldMillis.addAndGet(Duration.between(frozenSince, Instant.now()).toMillis());
                        frozenSince = null;
                    }
                    write(entry.get().activeSite(), entry.get().active());
                }
            } catch (RuntimeException | SQLException e) {
                failedWrites.incrementAndGet();
                closeConnection();
            }
            sleep(pace);
        }
        closeConnection();
    }

    private void write(String siteName, Site site) throws SQLException {
        if (connection == null || !siteName.equals(connectedSite)) {
            closeConnection();
            DbCredentials cred = secrets.credentials(site.secretArn());
            connection = DriverManager.getConnection("jdbc:postgresql://" + site.host() + ":" + site.port() + "/"
                    + site.database(), cred.username(), cred.password());
            connectedSite = siteName;
        }
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO heartbeat (app, site, beat) VALUES (?, ?, ?)")) {
            p.setString(1, name);
            p.setString(2, siteName);
            p.setLong(3, written.get() + 1);
            p.executeUpdate();
        }
        written.incrementAndGet();
        lastWrite = Instant.now();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken: nothing to release
            }
            connection = null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing and waits for the last write to finish. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
