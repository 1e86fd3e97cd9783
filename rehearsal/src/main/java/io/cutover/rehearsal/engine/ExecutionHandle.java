package io.cutover.rehearsal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running execution: its events so far, its result when it ends, and StopExecution. */
public final class ExecutionHandle {
    private final String executionName;
    private final String definition;
    private final Instant started = Instant.now();
    private final Runnable abort;
    private final ExecutionListener listener;
    private final CopyOnWriteArrayList<ExecutionEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();

    ExecutionHandle(String executionName, String definition, Runnable abort, ExecutionListener listener) {
        this.executionName = executionName;
        this.definition = definition;
        this.abort = abort;
        this.listener = listener;
    }

    public String executionName() {
        return executionName;
    }

    /** Completes with the result, or exceptionally with an {@link EngineException}. */
    public CompletableFuture<ExecutionResult> result() {
        return result;
    }

    /** Events received so far. */
    public List<ExecutionEvent> events() {
        return List.copyOf(events);
    }

    /** Waits for the end of the execution. */
    public ExecutionResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Waits without limit for the end of the execution. */
    public ExecutionResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** StopExecution: the execution ends ABORTED (in-flight Lambda invocations are abandoned). */
    public void abort() {
        if (!result.isDone()) abort.run();
    }

    /** One event from the engine, in order; the final one completes the result. */
    void accept(ExecutionEvent event) {
        events.add(event);
        try {
            listener.onEvent(event);
        } catch (RuntimeException listenerFailure) {
            System.err.printf("execution %s: listener failed on %s: %s%n", executionName, event.type(), listenerFailure);
        }
        if (event.isTerminal()) {
            result.complete(new ExecutionResult(executionName, status(event), event.output(), event.error(), event.cause(),
                    events(), Duration.between(started, Instant.now())));
        }
    }

    /** The engine could not run the execution, or went away. */
    void fail(String why) {
        result.completeExceptionally(new EngineException("execution " + executionName + " of " + definition + ": " + why));
    }

    private static ExecutionStatus status(ExecutionEvent terminal) {
        return switch (terminal.type()) {
            case "ExecutionSucceeded" -> ExecutionStatus.SUCCEEDED;
            case "ExecutionFailed" -> ExecutionStatus.FAILED;
            case "ExecutionAborted" -> ExecutionStatus.ABORTED;
            case "ExecutionTimedOut" -> ExecutionStatus.TIMED_OUT;
            default -> throw new EngineException("unknown final event " + terminal.type());
        };
    }

    private static RuntimeException unwrap(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new EngineException("execution failed in the engine", e.getCause());
    }
}
