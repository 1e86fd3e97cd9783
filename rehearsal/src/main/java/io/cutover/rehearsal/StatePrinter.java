package io.cutover.rehearsal;

import io.cutover.failure.LambdaErrorCause;
import io.cutover.rehearsal.engine.ExecutionEvent;
import io.cutover.rehearsal.engine.ExecutionListener;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints each state of a run as it ends: offset from the start, name, duration, outcome. */
final class StatePrinter implements ExecutionListener {
    record Span(String state, String type, Instant start, Duration duration, String outcome) {
    }

    private final String runId;
    private final PrintStream out;
    private final boolean verbose;
    private final Map<String, Instant> entered = new HashMap<>();
    private Instant started;

    StatePrinter(String runId, PrintStream out, boolean verbose) {
        this.runId = runId;
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(ExecutionEvent e) {
        if (started == null) started = e.at();
        switch (e.type()) {
            case "StateEntered" -> entered.put(e.state(), e.at());
            case "StateExited" -> line(e, "ok");
            case "StateFailed" -> line(e, "FAILED " + LambdaErrorCause.shortName(e.error()) + (e.cause() == null ? "" : ": " + LambdaErrorCause.message(e.cause())));
            case "StateRetry" -> print(e.at(), e.state(), null, "retry");
            case "ExecutionSucceeded" -> print(e.at(), "execution", null, "SUCCEEDED");
            case "ExecutionFailed" -> print(e.at(), "execution", null, "FAILED " + LambdaErrorCause.shortName(e.error()) + ": " + LambdaErrorCause.message(e.cause()));
            default -> {
            }
        }
    }

    private void line(ExecutionEvent e, String outcome) {
        Instant in = entered.getOrDefault(e.state(), e.at());
        print(e.at(), e.state(), Duration.between(in, e.at()), outcome);
    }

    private void print(Instant at, String state, Duration took, String outcome) {
        if (!verbose) return;
        synchronized (out) {
            out.printf("[%s] +%7.3fs  %-24s %9s  %s%n", runId, Duration.between(started, at).toMillis() / 1000.0, state,
                    took == null ? "" : String.format("%.3fs", took.toMillis() / 1000.0), outcome);
        }
    }

    /** Each state visit with its duration, from an execution's events. */
    static List<Span> spans(List<ExecutionEvent> events) {
        Map<String, ExecutionEvent> open = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        for (ExecutionEvent e : events) {
            switch (e.type()) {
                case "StateEntered" -> open.put(e.state(), e);
                case "StateExited", "StateFailed" -> {
                    ExecutionEvent in = open.remove(e.state());
                    if (in != null) {
                        spans.add(new Span(e.state(), in.stateType(), in.at(), Duration.between(in.at(), e.at()),
                                "StateExited".equals(e.type()) ? "ok" : e.error()));
                    }
                }
                default -> {
                }
            }
        }
        return spans;
    }
}
