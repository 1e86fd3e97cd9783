package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * PostgreSQL connections kept between the calls of one Lambda container, as AWS's Lambda guidance
 * has it (initialise database connections outside the handler, amortised over the invocations
 * an execution environment serves): a step's probes and site work open and close a connection
 * per question, and a new backend per question - forked, authenticated, asked once - cost the
 * database more CPU than the questions (the ten-pair benchmark's profile). The adapters still open
 * and close; what "close" does is this class's business. Oracle and replication connections are
 * never kept.
 *
 * <p>A connection handed back is reset as a connection pooler resets it: an open transaction
 * rolled back, autocommit and read-write again, its read timeout restored, and {@code DISCARD
 * ALL} (session settings, prepared statements, temporary tables, advisory locks). It is checked
 * before it is handed out again, so a server that restarted (an RDS promotion reboots the
 * replica) or a backend that was ended costs a new connection, not a failed step.
 *
 * <p>Nothing is left on a production database by a container that is frozen or gone: a kept
 * connection idle longer than {@link #IDLE_LIMIT} is closed rather than reused, and while it waits
 * the server itself ends it after that long ({@code idle_session_timeout}, PostgreSQL 14 and
 * later; set only while it is kept, reset before it is handed out, so a step's own idle session is
 * never cut). At most {@link #IDLE_PER_TARGET} wait per target.
 *
 * <p>A session takes its role's and database's settings ({@code ALTER ROLE ... SET
 * session_replication_role}) when it starts, and RESET goes back to those, not to later ones: so
 * once a statement that changes them ({@code ALTER ROLE}, {@code ALTER USER}, {@code ALTER
 * DATABASE}, {@code ALTER SYSTEM}) is run on a server, every connection to that server made
 * before is closed when handed back instead of kept.
 */
public final class KeptConnections implements ConnectionFactory, AutoCloseable {
    /** Idle connections kept per target; more are closed when handed back. A container runs one call at a time. */
    static final int IDLE_PER_TARGET = 2;
    /** Longer idle than this and a kept connection is closed, by us or by the server. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(60);
    private static final int CHECK_SECONDS = 2;
    private static final Pattern SETTINGS_CHANGE =
            Pattern.compile("^\\s*ALTER\\s+(ROLE|USER|DATABASE|SYSTEM)\\b", Pattern.CASE_INSENSITIVE);

    private final ConnectionFactory delegate;
    private final Duration idleLimit;
    private final LongSupplier nanoTime;
    private final Map<DbConnection, Deque<Idle>> idle = new ConcurrentHashMap<>();
    /** Per server (host:port): bumped when a statement that changes session defaults is run there. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A physical connection and what handing it back restores. */
    private record Kept(Connection physical, String server, long generation, int networkTimeout,
                        boolean serverEndsIdle) {
    }

    private record Idle(Kept kept, long since) {
    }

    public KeptConnections(ConnectionFactory delegate) {
        this(delegate, IDLE_LIMIT, System::nanoTime);
    }

    KeptConnections(ConnectionFactory delegate, Duration idleLimit, LongSupplier nanoTime) {
        this.delegate = delegate;
        this.idleLimit = idleLimit;
        this.nanoTime = nanoTime;
    }

    @Override
    public Connection open(DbConnection target) throws SQLException {
        if (target.engine() != Engine.POSTGRES || closed) return delegate.open(target);
        Deque<Idle> free = idle.get(target);
        for (Idle i = free == null ? null : free.pollFirst(); i != null; i = free.pollFirst()) {
            Kept k = i.kept();
            if (current(k) && nanoTime.getAsLong() - i.since() < idleLimit.toNanos() && awake(k)) {
                return handOut(target, k);
            }
            closeQuietly(k.physical());
        }
        Connection c = delegate.open(target);
        String server = server(target);
        return handOut(target, new Kept(c, server, generations.getOrDefault(server, 0L), c.getNetworkTimeout(),
                c.getMetaData().getDatabaseMajorVersion() >= 14));
    }

    @Override
    public Connection openReplication(DbConnection target) throws SQLException {
        return delegate.openReplication(target);
    }

    @Override
    public Duration statementTimeout() {
        return delegate.statementTimeout();
    }

    /** Connections kept idle now, over all targets. */
    int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(d -> {
            for (Idle i = d.pollFirst(); i != null; i = d.pollFirst()) closeQuietly(i.kept().physical());
        });
    }

    private Connection handOut(DbConnection target, Kept kept) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Lent(target, kept));
    }

    private void handBack(DbConnection target, Kept k) {
        Connection c = k.physical();
        try {
            if (closed || c.isClosed() || !current(k)) {
                closeQuietly(c);
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (c.isReadOnly()) c.setReadOnly(false);
            if (c.getNetworkTimeout() != k.networkTimeout()) c.setNetworkTimeout(Runnable::run, k.networkTimeout());
            try (Statement s = c.createStatement()) {
                s.execute("DISCARD ALL");
                // Its own statement: DISCARD ALL refuses to run inside a multi-statement string.
                if (k.serverEndsIdle()) s.execute("SET idle_session_timeout = " + idleLimit.toMillis());
            }
            c.clearWarnings();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            return;
        }
        Deque<Idle> free = idle.computeIfAbsent(target, t -> new ConcurrentLinkedDeque<>());
        if (free.size() < IDLE_PER_TARGET && current(k)) {
            free.offerFirst(new Idle(k, nanoTime.getAsLong()));
        } else {
            closeQuietly(c);
        }
    }

    /**
     * One round trip that both proves the connection alive and takes the server's idle limit off
     * again (before PostgreSQL 14, {@link Connection#isValid} alone), bounded by {@link #CHECK_SECONDS}
     * so a connection cut by the network costs that, not a socket timeout.
     */
    private static boolean awake(Kept k) {
        Connection c = k.physical();
        try {
            if (!k.serverEndsIdle()) return c.isValid(CHECK_SECONDS);
            c.setNetworkTimeout(Runnable::run, (int) Duration.ofSeconds(CHECK_SECONDS).toMillis());
            try (Statement s = c.createStatement()) {
                s.execute("RESET idle_session_timeout");
            }
            c.setNetworkTimeout(Runnable::run, k.networkTimeout());
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private boolean current(Kept k) {
        return generations.getOrDefault(k.server(), 0L) == k.generation();
    }

    private void seen(String server, Object sql) {
        if (sql instanceof String s && SETTINGS_CHANGE.matcher(s).find()) generations.merge(server, 1L, Long::sum);
    }

    private static String server(DbConnection target) {
        return target.host() + ":" + target.port();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // dropped either way
        }
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The connection as its borrower sees it: close() hands it back, and it is unusable afterwards. */
    private final class Lent implements InvocationHandler {
        private final DbConnection target;
        private final Kept kept;
        private boolean returned;

        Lent(DbConnection target, Kept kept) {
            this.target = target;
            this.kept = kept;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        handBack(target, kept);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || kept.physical().isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "kept " + kept.physical();
                }
                default -> {
                    if (returned) throw new SQLException("connection closed");
                }
            }
            if (args != null && args.length > 0 && m.getName().startsWith("prepare")) seen(kept.server(), args[0]);
            Object result = call(kept.physical(), m, args);
            if (result instanceof Statement s && m.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[]{Statement.class},
                        (p, sm, sargs) -> {
                            if (sargs != null && sargs.length > 0 && (sm.getName().startsWith("execute")
                                    || sm.getName().equals("addBatch"))) {
                                seen(kept.server(), sargs[0]);
                            }
                            if (sm.getName().equals("getConnection")) return proxy;
                            return call(s, sm, sargs);
                        });
            }
            return result;
        }
    }
}
