package io.cutover.status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads sections side by side, each on its own thread with its own deadline, so one database
 * that does not answer (or answers with an error) fills only its own section with the error and
 * never holds up or hides the others. A section that misses its deadline is cancelled (its
 * thread interrupted; a JDBC call still ends at its own statement timeout).
 */
final class IsolatedSections implements AutoCloseable {

    /** What one section gave: a value for sections that depend on it, or the error. */
    record Outcome<T>(T value, String error) {
        boolean ok() {
            return error == null;
        }
    }

    record Pending<T>(String key, String title, Future<T> future, Function<T, Object> toContent, long startedNanos) {
    }

    private final Duration timeout;
    private final ExecutorService pool;
    private final Map<String, StatusReport.Section> sections = new LinkedHashMap<>();

    IsolatedSections(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "status-section-" + n.incrementAndGet());
            t.setDaemon(true); // a stuck driver call must not keep a CLI or a Lambda container alive
            return t;
        });
    }

    /** @param key the section it fills; null for a read other sections need but that is no section itself */
    <T> Pending<T> start(String key, String title, Callable<T> work) {
        return start(key, title, work, v -> v);
    }

    <T> Pending<T> start(String key, String title, Callable<T> work, Function<T, Object> toContent) {
        return new Pending<>(key, title, pool.submit(work), toContent, System.nanoTime());
    }

    /** Waits for a section until its deadline and records its content or error. */
    <T> Outcome<T> await(Pending<T> p) {
        long deadline = p.startedNanos() + timeout.toNanos();
        try {
            T value = p.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (p.key() != null) {
                sections.put(p.key(), StatusReport.Section.content(p.title(), p.toContent().apply(value), took(p)));
            }
            return new Outcome<>(value, null);
        } catch (TimeoutException e) {
            p.future().cancel(true);
            return failed(p, "no answer within " + (timeout.toMillis() % 1000 == 0
                    ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return failed(p, describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.future().cancel(true);
            return failed(p, "interrupted");
        } catch (RuntimeException e) {
            return failed(p, describe(e)); // the content mapping itself failed
        }
    }

    /** A section decided without asking anything (e.g. a prerequisite failed). */
    void record(String key, String title, Object content, String error) {
        sections.put(key, error == null ? StatusReport.Section.content(title, content, 0)
                : StatusReport.Section.error(title, error, 0));
    }

    Map<String, StatusReport.Section> sections() {
        return sections;
    }

    private <T> Outcome<T> failed(Pending<T> p, String error) {
        if (p.key() != null) sections.put(p.key(), StatusReport.Section.error(p.title(), error, took(p)));
        return new Outcome<>(null, error);
    }

    private static long took(Pending<?> p) {
        return (System.nanoTime() - p.startedNanos()) / 1_000_000;
    }

    static String describe(Throwable e) {
        if (e == null) return "unknown error";
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
