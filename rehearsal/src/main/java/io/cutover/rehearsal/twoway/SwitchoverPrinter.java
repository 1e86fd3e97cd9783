package io.cutover.rehearsal.twoway;

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
            case "StateFailed" -> line(e, "FAILED " + shortError(e.error()) + (e.cause() == null ? "" : ": " + message(e.cause())));
            case "StateRetry" -> print(e.at(), e.state(), null, "retry");
            case "ExecutionSucceeded" -> print(e.at(), "execution", null, "SUCCEEDED");
            case "ExecutionFailed" -> print(e.at(), "execution", null, "FAILED " + shortError(e.error()));
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

    /** io.cutover.failure.NotReadyYet -> NotReadyYet (as the promote-replica rehearsal prints it). */
    private static String shortError(String error) {
        return error == null ? "" : error.substring(error.lastIndexOf('.') + 1);
    }

    /** A Lambda error's cause is the runtime's JSON (message, type, stack trace): keep the message, shortened. */
    private static String message(String cause) {
        String m = cause;
        if (cause.startsWith("{")) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = io.cutover.json.Json.mapper().readTree(cause);
                if (n.hasNonNull("errorMessage")) m = n.get("errorMessage").asText();
            } catch (java.io.IOException notJson) {
                // keep it as it is
            }
        }
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
