package io.cutover.rehearsal.twoway;

import io.cutover.failure.LambdaErrorCause;
import io.cutover.rehearsal.engine.ExecutionEvent;
import io.cutover.rehearsal.engine.ExecutionListener;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Prints each state of a switchover run as it ends: offset, name, duration, outcome. */
final class SwitchoverPrinter implements ExecutionListener {
    private final String label;
    private final PrintStream out;
    private final Map<String, Instant> entered = new HashMap<>();
    private Instant started;

    SwitchoverPrinter(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    @Override
    public void onEvent(ExecutionEvent e) {
        if (started == null) started = e.at();
        switch (e.type()) {
            case "StateEntered" -> entered.put(e.state(), e.at());
            case "StateExited" -> line(e, "ok");
            case "StateFailed" -> line(e, "FAILED " + LambdaErrorCause.shortName(e.error()) + (e.cause() == null ? "" : ": " + message(e.cause())));
            case "StateRetry" -> print(e.at(), e.state(), null, "retry");
            case "ExecutionSucceeded" -> print(e.at(), "execution", null, "SUCCEEDED");
            case "ExecutionFailed" -> print(e.at(), "execution", null, "FAILED " + LambdaErrorCause.shortName(e.error()));
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

    /** A Lambda error's message, shortened for one line. */
    private static String message(String cause) {
        String m = LambdaErrorCause.message(cause);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
