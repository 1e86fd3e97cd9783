package io.cutover.rehearsal.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running execution (one node process). */
public final class ExecutionHandle {
    private final String executionName;
    private final Process process;
    final CopyOnWriteArrayList<ExecutionEvent> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();

    ExecutionHandle(String executionName, Process process) {
        this.executionName = executionName;
        this.process = process;
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
        if (!process.isAlive()) {
            return;
        }
        try {
            OutputStream in = process.getOutputStream();
            in.write("abort\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            process.destroy();
        }
    }

    /** Kills the node process (no final event; the result completes exceptionally). */
    void kill() {
        process.destroyForcibly();
    }

    private static RuntimeException unwrap(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new EngineException("execution failed in the engine", e.getCause());
    }
}
