package io.cutover.rehearsal.local;

import io.cutover.instance.Engine;
import io.cutover.jdbc.ConnectionFactory;
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
import java.util.regex.Pattern;

/**
 * The local steps' PostgreSQL connections, kept between calls as a Lambda container keeps its
 * connection between invocations: every step of every local run shares this JVM, and a new
 * connection per call was most of the PostgreSQL CPU of ten switchovers at once (each backend
 * forked, authenticated and ended on the same two cores as the runs). The product's adapters
 * still open and close a connection per question; what "close" does is this class's business.
 *
 * <p>A connection handed back is reset as a connection pooler resets it: an open transaction
 * rolled back, autocommit and read-write again, its read timeout restored, and {@code DISCARD
 * ALL} (session settings, prepared statements, temporary tables, advisory locks). A kept
 * connection is checked ({@link Connection#isValid}) before it is handed out again, so a server
 * that was stopped or a backend that was terminated costs a new connection, not a failed step.
 *
 * <p>A session takes its role's and database's settings ({@code ALTER ROLE ... SET
 * session_replication_role}) when it starts, and RESET goes back to those, not to later ones: so
 * once a statement that changes them ({@code ALTER ROLE}, {@code ALTER USER}, {@code ALTER
 * DATABASE}, {@code ALTER SYSTEM}) is prepared on a server, every connection to that server made
 * before is closed when handed back instead of kept. Replication connections are never kept.
 */
public final class KeptConnections implements ConnectionFactory, AutoCloseable {
    /** Idle connections kept per target; more are closed when handed back. */
    static final int IDLE_PER_TARGET = 4;
    private static final Pattern SETTINGS_CHANGE =
            Pattern.compile("^\\s*ALTER\\s+(ROLE|USER|DATABASE|SYSTEM)\\b", Pattern.CASE_INSENSITIVE);

    private final ConnectionFactory delegate;
    private final Map<DbConnection, Deque<Kept>> idle = new ConcurrentHashMap<>();
    /** Per server (host:port): bumped when a statement that changes session defaults is prepared there. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Kept(Connection physical, String server, long generation, int networkTimeout) {
    }

    public KeptConnections(ConnectionFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection open(DbConnection target) throws SQLException {
        if (target.engine() != Engine.POSTGRES || closed) return delegate.open(target);
        Deque<Kept> free = idle.get(target);
        for (Kept k = free == null ? null : free.pollFirst(); k != null; k = free.pollFirst()) {
            if (current(k) && validQuietly(k.physical())) return handOut(target, k);
            closeQuietly(k.physical());
        }
        Connection c = delegate.open(target);
        String server = server(target);
        return handOut(target, new Kept(c, server, generations.getOrDefault(server, 0L), c.getNetworkTimeout()));
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
            for (Kept k = d.pollFirst(); k != null; k = d.pollFirst()) closeQuietly(k.physical());
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
            }
            c.clearWarnings();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            return;
        }
        Deque<Kept> free = idle.computeIfAbsent(target, t -> new ConcurrentLinkedDeque<>());
        if (free.size() < IDLE_PER_TARGET && current(k)) {
            free.offerFirst(k);
        } else {
            closeQuietly(c);
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

    private static boolean validQuietly(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
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
