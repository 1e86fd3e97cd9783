package io.cutover.rehearsal.status;

import io.cutover.rehearsal.engine.ExecutionEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each state of one execution went, from its events: the colours of the execution graph.
 * A state that failed and was retried or caught is CAUGHT (the run went on), one that failed
 * and ended the execution - or a Fail state entered - is FAILED.
 */
public final class StateOutcomes {

    public enum Outcome {
        SUCCEEDED("#2e7d32", "#c8e6c9"),
        CAUGHT("#e65100", "#ffe0b2"),
        FAILED("#c62828", "#ffcdd2"),
        UNFINISHED("#1565c0", "#bbdefb"),
        NOT_VISITED("#9e9e9e", "#f5f5f5");

        public final String stroke;
        public final String fill;

        Outcome(String stroke, String fill) {
            this.stroke = stroke;
            this.fill = fill;
        }
    }

    /** One state's visits: outcome, how many times entered, time inside, the last error. */
    public record Visit(Outcome outcome, int entered, Duration time, String error) {
    }

    private final Map<String, Visit> visits;
    private final Map<String, Integer> transitions;

    private StateOutcomes(Map<String, Visit> visits, Map<String, Integer> transitions) {
        this.visits = visits;
        this.transitions = transitions;
    }

    public static StateOutcomes of(List<ExecutionEvent> events, Map<String, String> stateTypes) {
        Map<String, Integer> entered = new LinkedHashMap<>();
        Map<String, Instant> since = new HashMap<>();
        Map<String, Duration> time = new HashMap<>();
        Map<String, Boolean> exited = new HashMap<>();
        Map<String, Boolean> failed = new HashMap<>();
        Map<String, Boolean> recovered = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, Integer> transitions = new LinkedHashMap<>();
        String previous = null;
        for (ExecutionEvent e : events) {
            String s = e.state();
            switch (e.type()) {
                case "StateEntered" -> {
                    entered.merge(s, 1, Integer::sum);
                    since.put(s, e.at());
                    if (previous != null) transitions.merge(previous + "->" + s, 1, Integer::sum);
                    previous = s;
                }
                case "StateExited" -> {
                    exited.put(s, true);
                    addTime(time, since, s, e.at());
                }
                case "StateFailed" -> {
                    failed.put(s, true);
                    errors.put(s, e.error());
                    addTime(time, since, s, e.at());
                }
                case "StateRetry", "StateCaught" -> recovered.put(s, true);
                default -> {
                }
            }
        }
        Map<String, Visit> visits = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> en : entered.entrySet()) {
            String s = en.getKey();
            Outcome o;
            if ("Fail".equals(stateTypes.get(s))) o = Outcome.FAILED;
            else if (failed.getOrDefault(s, false)) o = recovered.getOrDefault(s, false) ? Outcome.CAUGHT : Outcome.FAILED;
            else if (exited.getOrDefault(s, false)) o = Outcome.SUCCEEDED;
            else o = Outcome.UNFINISHED;
            visits.put(s, new Visit(o, en.getValue(), time.getOrDefault(s, Duration.ZERO), errors.get(s)));
        }
        return new StateOutcomes(visits, transitions);
    }

    private static void addTime(Map<String, Duration> time, Map<String, Instant> since, String state, Instant at) {
        Instant in = since.remove(state);
        if (in != null) time.merge(state, Duration.between(in, at), Duration::plus);
    }

    public Outcome outcome(String state) {
        Visit v = visits.get(state);
        return v == null ? Outcome.NOT_VISITED : v.outcome();
    }

    public Visit visit(String state) {
        return visits.get(state);
    }

    /** How often the execution went from one state straight to another. */
    public int taken(String from, String to) {
        return transitions.getOrDefault(from + "->" + to, 0);
    }
}
