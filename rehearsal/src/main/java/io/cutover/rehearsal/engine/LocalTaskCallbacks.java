package io.cutover.rehearsal.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cutover.json.Json;
import io.cutover.waiting.TaskCallbacks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Local stand-in for SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat.
 *
 * <p>Token life cycle (mirrors Step Functions): the engine harness issues a token when a
 * {@code .waitForTaskToken} state is entered and <em>registers</em> it here before invoking the
 * Lambda that carries it, so a handler may complete its own token during the invocation. The token
 * is valid until it is completed once ({@link #succeed}/{@link #fail}), or until the harness stops
 * waiting for it (TimeoutSeconds, HeartbeatSeconds, the state failed, execution aborted or ended):
 * then it is <em>released</em> and forgotten. {@code succeed}/{@code fail}/{@code heartbeat} on a token
 * that is unknown, completed or released return {@code false} (AWS: TaskDoesNotExist / TaskTimedOut /
 * InvalidToken). A token is released by the harness before its execution's result is reported, so
 * after {@link StepFunctionsEngine#run} returns, every token of that execution is invalid.
 */
public final class LocalTaskCallbacks implements TaskCallbacks {

    /** A token the engine is waiting on. */
    public record PendingTask(String token, String executionName, String stateName, Instant issuedAt) {
    }

    /** How a task was completed. */
    public sealed interface Outcome permits Succeeded, Failed {
    }

    /** SendTaskSuccess: {@code outputJson} becomes the state's result. */
    public record Succeeded(String outputJson) implements Outcome {
    }

    /** SendTaskFailure: the state fails with this error and cause. */
    public record Failed(String error, String cause) implements Outcome {
    }

    private static final class Entry {
        final PendingTask task;
        Instant lastHeartbeat;
        Outcome outcome;
        boolean released;

        Entry(PendingTask task) {
            this.task = task;
            this.lastHeartbeat = task.issuedAt();
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    // ---- the port --------------------------------------------------------------------------

    /**
     * SendTaskSuccess.
     *
     * @throws IllegalArgumentException if {@code outputJson} is not JSON (AWS: InvalidOutput)
     */
    @Override
    public boolean succeed(String taskToken, String outputJson) {
        try {
            Json.mapper().readTree(Objects.requireNonNull(outputJson, "outputJson"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("task output is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return complete(taskToken, new Succeeded(outputJson));
    }

    /** SendTaskFailure. A null error is reported as an empty error name. */
    @Override
    public boolean fail(String taskToken, String error, String cause) {
        return complete(taskToken, new Failed(error == null ? "" : error, cause == null ? "" : cause));
    }

    /** SendTaskHeartbeat: resets the HeartbeatSeconds clock of a pending token. */
    public boolean heartbeat(String taskToken) {
        Entry e = taskToken == null ? null : entries.get(taskToken);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            if (e.released || e.outcome != null) {
                return false;
            }
            e.lastHeartbeat = Instant.now();
        }
        signal();
        return true;
    }

    private boolean complete(String token, Outcome outcome) {
        Entry e = token == null ? null : entries.get(token);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            if (e.released || e.outcome != null) {
                return false;
            }
            e.outcome = outcome;
        }
        signal();
        return true;
    }

    // ---- for tests and the rehearsal ---------------------------------------------------------

    /** Tokens issued and not yet completed nor released, oldest first. */
    public List<PendingTask> pending() {
        List<PendingTask> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            synchronized (e) {
                if (!e.released && e.outcome == null) {
                    out.add(e.task);
                }
            }
        }
        out.sort(Comparator.comparing(PendingTask::issuedAt));
        return out;
    }

    /** Waits until a token of {@code stateName} (any execution if {@code executionName} is null) is pending. */
    public PendingTask awaitPending(String executionName, String stateName, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            for (;;) {
                for (PendingTask t : pending()) {
                    if (t.stateName().equals(stateName)
                            && (executionName == null || executionName.equals(t.executionName()))) {
                        return t;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no pending task token for state " + stateName
                            + (executionName == null ? "" : " of execution " + executionName) + " within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
        }
    }

    // ---- used by LocalLambdaEndpoint on behalf of the harness ---------------------------------

    void register(String token, String executionName, String stateName) {
        entries.putIfAbsent(token, new Entry(new PendingTask(token, executionName, stateName, Instant.now())));
        signal();
    }

    void release(String token) {
        Entry e = entries.remove(token);
        if (e != null) {
            synchronized (e) {
                e.released = true;
            }
            signal();
        }
    }

    boolean isKnown(String token) {
        return entries.containsKey(token);
    }

    /** Last heartbeat (or issue time) of a known token. */
    Optional<Instant> lastHeartbeat(String token) {
        Entry e = entries.get(token);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return Optional.of(e.lastHeartbeat);
        }
    }

    /**
     * Waits up to {@code max} for the token's outcome.
     *
     * @return the outcome, or empty if still pending after {@code max}
     * @throws IllegalStateException if the token is unknown or was released
     */
    Optional<Outcome> await(String token, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (changed) {
            for (;;) {
                Entry e = entries.get(token);
                if (e == null) {
                    throw new IllegalStateException("unknown or released task token");
                }
                synchronized (e) {
                    if (e.outcome != null) {
                        return Optional.of(e.outcome);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
        }
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
