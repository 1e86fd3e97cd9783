package io.cutover.rehearsal;

import io.cutover.failure.LambdaErrorCause;
import io.cutover.rehearsal.engine.ExecutionEvent;
import io.cutover.rehearsal.engine.ExecutionListener;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints each state of a run as it ends - offset from the start, name, duration, outcome - for
 * every rehearsal. Failures say the error's short name and its message, cut to one line.
 */
public final class StatePrinter implements ExecutionListener {
    private static final int MAX_MESSAGE = 200;

    private final String label;
    private final PrintStream out;
    private final Map<String, Instant> entered = new HashMap<>();
    private Instant started;

    /** @param label what each line starts with, in brackets: the run id */
    public StatePrinter(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    @Override
    public void onEvent(ExecutionEvent e) {
        if (started == null) started = e.at();
        switch (e.type()) {
            case "StateEntered" -> entered.put(e.state(), e.at());
            case "StateExited" -> line(e, "ok");
            case "StateFailed" -> line(e, failure(e));
            case "StateRetry" -> print(e.at(), e.state(), null, "retry");
            case "ExecutionSucceeded" -> print(e.at(), "execution", null, "SUCCEEDED");
            case "ExecutionFailed" -> print(e.at(), "execution", null, failure(e));
            default -> {
            }
        }
    }

    private void line(ExecutionEvent e, String outcome) {
        Instant in = entered.getOrDefault(e.state(), e.at());
        print(e.at(), e.state(), Duration.between(in, e.at()), outcome);
    }

    private void print(Instant at, String state, Duration took, String outcome) {
        synchronized (out) {
            out.printf("[%s] +%7.3fs  %-24s %9s  %s%n", label, Duration.between(started, at).toMillis() / 1000.0, state,
                    took == null ? "" : String.format("%.3fs", took.toMillis() / 1000.0), outcome);
        }
    }

    private static String failure(ExecutionEvent e) {
        String outcome = "FAILED " + LambdaErrorCause.shortName(e.error());
        if (e.cause() == null) return outcome;
        String m = LambdaErrorCause.message(e.cause()).replaceAll("\\s*\\R\\s*", " ");
        return outcome + ": " + (m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m);
    }
}
