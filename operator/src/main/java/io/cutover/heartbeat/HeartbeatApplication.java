package io.cutover.heartbeat;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.application.ActiveSiteConnection;
import io.cutover.secrets.Secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An application that proves a switchover loses nothing: before each write it reads its appmap
 * entry; while the entry is FROZEN it holds; otherwise it writes one heartbeat row to the active
 * site (id from that site's own sequence range, beat from the shared sequence) and remembers
 * every id whose commit it saw. Afterwards both sites must hold exactly the committed ids.
 * Runs the same against the rehearsals (promote-replica and two-way door) and against AWS
 * (DynamoDB appmap, Secrets Manager); needs {@link HeartbeatSchema} on every site.
 */
public final class HeartbeatApplication implements AutoCloseable {

    /** A stretch of time the application held its writes because its entry was FROZEN. */
    public record Hold(Instant from, Instant to) {
        public Duration duration() {
            return Duration.between(from, to);
        }
    }

    private final String name;
    private final AppMap appMap;
    private final ActiveSiteConnection sites;
    private final Duration pace;
    private final Consumer<String> log;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Long> committed = new ConcurrentSkipListSet<>();
    /** Writes whose outcome is unknown (the connection broke during the call). */
    private final Set<String> uncertain = new ConcurrentSkipListSet<>();
    private final AtomicLong failedWrites = new AtomicLong();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Instant frozenSince;
    private volatile String lastError;

    /** @param log where each write and hold is told, one line each (null: silent) */
    public HeartbeatApplication(String name, AppMap appMap, Secrets secrets, Duration pace, Consumer<String> log) {
        this.name = name;
        this.appMap = appMap;
        this.sites = new ActiveSiteConnection(secrets, "heartbeat-" + name);
        this.pace = pace;
        this.log = log;
        this.thread = Thread.ofPlatform().name("heartbeat-" + name).daemon().unstarted(this::loop);
    }

    public HeartbeatApplication start() {
        thread.start();
        return this;
    }

    /** Writes until {@code count} rows are committed (for the command line); 0 = until closed. */
    public void runInForeground(long count) {
        while (running.get() && (count == 0 || committed.size() < count)) step();
        sites.close();
    }

    public Set<Long> committed() {
        return Set.copyOf(committed);
    }

    public Set<String> uncertain() {
        return Set.copyOf(uncertain);
    }

    public long failedWrites() {
        return failedWrites.get();
    }

    public String lastError() {
        return lastError;
    }

    /** Completed holds, plus the current one if it is holding now. */
    public List<Hold> holds() {
        List<Hold> out = new ArrayList<>(holds);
        Instant since = frozenSince;
        if (since != null) out.add(new Hold(since, Instant.now()));
        return out;
    }

    /** Total time the application held its writes because its entry was FROZEN (the freeze window it saw). */
    public Duration held() {
        return holds().stream().map(Hold::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private void loop() {
        while (running.get()) step();
        sites.close();
    }

    private void step() {
        try {
            Optional<Application> entry = appMap.get(name);
            if (entry.isEmpty()) {
                lastError = "no appmap entry " + name;
            } else if (entry.get().status() == AppStatus.FROZEN) {
                if (frozenSince == null) {
                    frozenSince = Instant.now();
                    print("FROZEN by " + entry.get().frozenBy() + ": holding writes");
                }
            } else {
                if (frozenSince != null) {
                    Hold hold = new Hold(frozenSince, Instant.now());
                    holds.add(hold);
                    frozenSince = null;
                    print(String.format("OPEN on %s again after holding %.3f s", entry.get().activeSite(),
                            hold.duration().toMillis() / 1000.0));
                }
                write(entry.get().activeSite(), entry.get().active());
            }
        } catch (RuntimeException | SQLException e) {
            failedWrites.incrementAndGet();
            lastError = e.getMessage();
            sites.close();
        }
        LockSupport.parkNanos(pace.toNanos()); // an interrupt ends the pause early and stays set
    }

    private void write(String siteName, Site site) throws SQLException {
        Connection connection = sites.to(siteName, site);
        String attempt = siteName + "#" + System.nanoTime();
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + HeartbeatSchema.TABLE
                + " (id, beat, site, app) VALUES (nextval(?), nextval(?), ?, ?) RETURNING id, beat, written_at")) {
            p.setString(1, HeartbeatSchema.idSequence(siteName));
            p.setString(2, HeartbeatSchema.BEAT_SEQUENCE);
            p.setString(3, siteName);
            p.setString(4, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Heartbeat h = new Heartbeat(rs.getLong(1), rs.getLong(2), rs.getObject(3, java.time.OffsetDateTime.class)
                        .toInstant(), siteName, name);
                committed.add(h.id());
                print("wrote " + h);
            }
        } catch (SQLException e) {
            // Autocommit: a statement error means no commit, but a broken connection leaves it unknown.
            if (connection.isClosed() || "08006".equals(e.getSQLState())) uncertain.add(attempt);
            throw e;
        }
    }

    /** Creates the heartbeat table and sequences at a site where they are missing, as this application's login. */
    public void installSchema(Site site) throws SQLException {
        try (Connection c = sites.open(site)) {
            HeartbeatSchema.install(c);
        }
    }

    /** The newest rows of the heartbeat table at a site, as this application's login sees them. */
    public List<Heartbeat> lastRows(Site site, int n) throws SQLException {
        try (Connection c = sites.open(site); PreparedStatement p = c.prepareStatement(
                "SELECT id, beat, written_at, site, app FROM " + HeartbeatSchema.TABLE + " ORDER BY written_at DESC, id DESC LIMIT ?")) {
            p.setInt(1, n);
            List<Heartbeat> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Heartbeat(rs.getLong(1), rs.getLong(2), rs.getObject(3, java.time.OffsetDateTime.class)
                            .toInstant(), rs.getString(4), rs.getString(5)));
                }
            }
            return out;
        }
    }

    private void print(String line) {
        if (log != null) log.accept(String.format("[%s %s] %s", name, Instant.now(), line));
    }

    /** Stops writing and waits for the last write to finish. */
    @Override
    public void close() {
        running.set(false);
        if (thread.isAlive()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Instant since = frozenSince;
        if (since != null) {
            holds.add(new Hold(since, Instant.now()));
            frozenSince = null;
        }
    }
}
