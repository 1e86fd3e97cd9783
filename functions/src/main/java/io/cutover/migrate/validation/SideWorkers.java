package io.cutover.migrate.validation;

import io.cutover.probe.DbConnection;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One side's bounded workers: a fixed pool of threads, each with its own session (connection),
 * opened on first use and reopened after a failure. At most {@code threads} queries run on the
 * side at once, whatever is queued.
 */
final class SideWorkers implements AutoCloseable {
    private final TableChecksums port;
    private final DbConnection db;
    private final ExecutorService executor;
    private final ThreadLocal<ChecksumSession> session = new ThreadLocal<>();
    private final Queue<ChecksumSession> opened = new ConcurrentLinkedQueue<>();

    SideWorkers(String side, TableChecksums port, DbConnection db, int threads) {
        this.port = port;
        this.db = db;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "validation-" + side + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    <T> CompletableFuture<T> submit(Function<ChecksumSession, T> work) {
        return CompletableFuture.supplyAsync(() -> {
            ChecksumSession s = session();
            try {
                return work.apply(s);
            } catch (RuntimeException e) {
                discard(s); // the connection may be broken: the next task on this thread opens a new one
                throw e;
            }
        }, executor);
    }

    private ChecksumSession session() {
        ChecksumSession s = session.get();
        if (s == null) {
            s = port.open(db);
            opened.add(s);
            session.set(s);
        }
        return s;
    }

    private void discard(ChecksumSession s) {
        session.remove();
        opened.remove(s);
        closeQuietly(s);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChecksumSession s;
        while ((s = opened.poll()) != null) closeQuietly(s);
    }

    private static void closeQuietly(ChecksumSession s) {
        try {
            s.close();
        } catch (RuntimeException ignored) {
            // Closing after the work is done or failed: nothing left to save.
        }
    }
}
