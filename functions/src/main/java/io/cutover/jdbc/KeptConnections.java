package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * and close; what "close" does is this class's business. Oracle and replication connections, and
 * connections to servers before PostgreSQL 14, are never kept.
 *
 * <p>A connection handed back is reset as a connection pooler resets it: its statements closed, an
 * open transaction rolled back, autocommit and read-write again, its read timeout restored, and
 * {@code DISCARD ALL} (session settings, prepared statements, temporary tables, advisory locks).
 * One round trip proves it alive before it is handed out again, so a server that restarted (an RDS
 * promotion reboots the replica) or a backend that was ended costs a new connection, not a failed
 * step. Nothing the borrower got from it (statements, result sets, metadata) works after it is
 * handed back, and none of them leads to the physical connection ({@code unwrap} retires it).
 *
 * <p>Nothing is left on a production database by a container that is frozen or gone: while a
 * connection waits, the server itself ends it after {@link #IDLE_LIMIT} ({@code
 * idle_session_timeout}, set when it is handed back and reset before it is handed out, so a step's
 * own pause is never cut; the server logs each such end as {@code FATAL: terminating connection
 * due to idle-session timeout}, application_name {@code cutover-probe}), and one idle longer than
 * that is closed here rather than reused. At most {@link #IDLE_PER_TARGET} wait per target.
 *
 * <p>A session takes its role's and database's settings ({@code ALTER ROLE ... SET
 * session_replication_role}) when it starts, and RESET goes back to those, not to later ones. A
 * kept session therefore answers for its start, not for now: what an application's new session
 * gets is asked on {@link #openNew}. Statements run through this container that change them
 * ({@code ALTER ROLE}, {@code ALTER USER}, {@code ALTER DATABASE}, {@code ALTER SYSTEM}) retire
 * every connection to that server made before; changes made elsewhere (an operator, another
 * function) reach the container's sessions as they are replaced: none is reused once it is
 * {@link #MAX_AGE} old, as a pooler's maximum lifetime.
 */
public final class KeptConnections implements ConnectionFactory, AutoCloseable {
    /** Idle connections kept per target; more are closed when handed back. A container runs one call at a time. */
    static final int IDLE_PER_TARGET = 2;
    /** Longer idle than this and a kept connection is closed, by us or by the server. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(60);
    /** Older than this and a connection is not lent again, however busy the container keeps it. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** idle_session_timeout came with PostgreSQL 14: older servers could not end a forgotten session. */
    private static final int FIRST_KEPT_MAJOR_VERSION = 14;
    private static final int CHECK_SECONDS = 2;
    /** Anywhere in the text: a comment, a DO block or a second statement may come first. */
    private static final Pattern SETTINGS_CHANGE =
            Pattern.compile("\\bALTER\\s+(ROLE|USER|DATABASE|SYSTEM)\\b", Pattern.CASE_INSENSITIVE);
    /** What a borrower can get from a lent connection, each wrapped so it dies with the loan. */
    private static final Set<Class<?>> LENT_TYPES = Set.of(Statement.class, PreparedStatement.class,
            CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

    private final ConnectionFactory delegate;
    private final Duration idleLimit;
    private final LongSupplier nanoTime;
    private final Map<DbConnection, Deque<Idle>> idle = new ConcurrentHashMap<>();
    /** Per server (host:port): bumped when a statement that changes session defaults is run there. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A physical connection and what handing it back restores. */
    private record Kept(Connection physical, String server, long generation, int networkTimeout, boolean keepable,
                        long born) {
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
            long now = nanoTime.getAsLong();
            if (current(k) && now - i.since() < idleLimit.toNanos() && now - k.born() < MAX_AGE.toNanos() && awake(k)) {
                return lend(target, k);
            }
            closeQuietly(k.physical());
        }
        Connection c = delegate.open(target);
        try {
            String server = server(target);
            return lend(target, new Kept(c, server, generations.getOrDefault(server, 0L), c.getNetworkTimeout(),
                    c.getMetaData().getDatabaseMajorVersion() >= FIRST_KEPT_MAJOR_VERSION, nanoTime.getAsLong()));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Never a kept one: a session that starts now. */
    @Override
    public Connection openNew(DbConnection target) throws SQLException {
        return delegate.open(target);
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
        idle.values().forEach(KeptConnections::drain);
    }

    private static void drain(Deque<Idle> d) {
        for (Idle i = d.pollFirst(); i != null; i = d.pollFirst()) closeQuietly(i.kept().physical());
    }

    private Connection lend(DbConnection target, Kept kept) {
        Loan loan = new Loan(target, kept);
        loan.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, loan);
        return loan.proxy;
    }

    private void handBack(DbConnection target, Kept k, boolean reusable) {
        Connection c = k.physical();
        try {
            if (!reusable || closed || !k.keepable() || c.isClosed() || !current(k)) {
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
                s.execute("SET idle_session_timeout = " + idleLimit.toMillis());
            }
            c.clearWarnings();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            return;
        }
        Deque<Idle> free = idle.computeIfAbsent(target, t -> new ConcurrentLinkedDeque<>());
        if (free.size() < IDLE_PER_TARGET && current(k)) {
            free.offerFirst(new Idle(k, nanoTime.getAsLong()));
            if (closed) drain(free); // close() ran meanwhile: it may have missed this one
        } else {
            closeQuietly(c);
        }
    }

    /**
     * One round trip that both proves the connection alive and takes the server's idle limit off
     * again, bounded by {@link #CHECK_SECONDS} so a connection cut by the network costs that, not a
     * socket timeout.
     */
    private static boolean awake(Kept k) {
        Connection c = k.physical();
        try {
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

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
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

    /**
     * One loan of a kept connection: the connection as its borrower sees it, and everything the
     * borrower got from it. Close hands the connection back; afterwards nothing of the loan works.
     */
    private final class Loan implements InvocationHandler {
        private final DbConnection target;
        private final Kept kept;
        private final List<Statement> statements = new ArrayList<>();
        private Connection proxy;
        private boolean returned;
        private boolean unwrapped;

        Loan(DbConnection target, Kept kept) {
            this.target = target;
            this.kept = kept;
        }

        @Override
        public synchronized Object invoke(Object self, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        statements.forEach(KeptConnections::closeQuietly);
                        handBack(target, kept, !unwrapped);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || kept.physical().isClosed();
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "toString" -> {
                    return "kept " + kept.physical();
                }
                case "unwrap" -> unwrapped = true; // the borrower holds the real one: never lend it again
                default -> {
                }
            }
            alive();
            if (args != null && args.length > 0 && m.getName().startsWith("prepare")) seen(kept.server(), args[0]);
            return wrapped(call(kept.physical(), m, args), m.getReturnType(), null);
        }

        private void alive() throws SQLException {
            if (returned) throw new SQLException("connection closed");
        }

        /** A statement, result set or metadata of this loan: dies with it, leads back only to the proxy. */
        private Object wrapped(Object result, Class<?> type, Object parent) {
            if (result == null || !LENT_TYPES.contains(type)) return result;
            if (result instanceof Statement s) statements.add(s);
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, m, args) -> {
                synchronized (Loan.this) {
                    String name = m.getName();
                    if (name.equals("close") || name.equals("isClosed")) return call(result, m, args);
                    if (name.equals("equals")) return self == args[0];
                    if (name.equals("hashCode")) return System.identityHashCode(self);
                    alive();
                    if (name.equals("getConnection")) return proxy;
                    if (name.equals("getStatement") && parent != null) return parent;
                    if (name.equals("unwrap")) unwrapped = true;
                    if (args != null && args.length > 0 && (name.startsWith("execute") || name.equals("addBatch"))) {
                        seen(kept.server(), args[0]);
                    }
                    return wrapped(call(result, m, args), m.getReturnType(), result instanceof Statement ? self : parent);
                }
            });
        }
    }
}
