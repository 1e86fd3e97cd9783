package io.cutover.rehearsal.local;

import io.cutover.instance.DatabaseInstances;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time each run spends inside database, RDS and DMS calls and inside its steps' use cases, so
 * the rehearsal can report the orchestration overhead: what the state machine and its steps cost
 * besides the work they do and the waiting on it.
 * The run a call belongs to is the one whose step is running on this thread.
 */
public final class DatabaseTime {
    private static final ThreadLocal<String> CURRENT_RUN = new ThreadLocal<>();
    private final Map<String, AtomicLong> nanosByRun = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> useCaseNanosByRun = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> handlerNanosByRun = new ConcurrentHashMap<>();

    public static void enter(String runId) {
        CURRENT_RUN.set(runId);
    }

    public static void leave() {
        CURRENT_RUN.remove();
    }

    public Duration of(String runId) {
        AtomicLong n = nanosByRun.get(runId);
        return Duration.ofNanos(n == null ? 0 : n.get());
    }

    /**
     * Time the run's steps spent inside their use cases (the step kernel measures it around each),
     * leaving out the functions named.
     */
    public Duration inUseCases(String runId, Set<String> except) {
        return sum(useCaseNanosByRun, runId, except);
    }

    /** Time the run's Lambda handlers took, from the request body read to the response written, but those named. */
    public Duration inHandlers(String runId, Set<String> except) {
        return sum(handlerNanosByRun, runId, except);
    }

    void addStep(String runId, String function, long handlerNanos, long useCaseNanos) {
        if (runId == null) return;
        handlerNanosByRun.computeIfAbsent(runId + "|" + function, k -> new AtomicLong()).addAndGet(handlerNanos);
        useCaseNanosByRun.computeIfAbsent(runId + "|" + function, k -> new AtomicLong()).addAndGet(useCaseNanos);
    }

    private static Duration sum(Map<String, AtomicLong> byRunAndFunction, String runId, Set<String> except) {
        long nanos = 0;
        for (Map.Entry<String, AtomicLong> e : byRunAndFunction.entrySet()) {
            int bar = e.getKey().lastIndexOf('|');
            if (e.getKey().substring(0, bar).equals(runId) && !except.contains(e.getKey().substring(bar + 1))) {
                nanos += e.getValue().get();
            }
        }
        return Duration.ofNanos(nanos);
    }

    public DatabaseInstances timed(DatabaseInstances target) {
        return proxy(DatabaseInstances.class, target);
    }

    public Replication timed(Replication target) {
        return proxy(Replication.class, target);
    }

    public SourceProbes timed(SourceProbes target) {
        return engine -> proxy(SourceProbe.class, target.forEngine(engine));
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) return method.invoke(target, args);
            long start = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                String run = CURRENT_RUN.get();
                if (run != null) {
                    nanosByRun.computeIfAbsent(run, k -> new AtomicLong()).addAndGet(System.nanoTime() - start);
                }
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, h);
    }
}
