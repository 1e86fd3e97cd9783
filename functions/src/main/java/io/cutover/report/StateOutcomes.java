package io.cutover.report;

import io.cutover.report.RunHistory.VisitOutcome;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each state of one execution went, from its history: the colours of the execution graph.
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
    private final RunHistory history;

    private StateOutcomes(Map<String, Visit> visits, RunHistory history) {
        this.visits = visits;
        this.history = history;
    }

    public static StateOutcomes of(RunHistory history) {
        Map<String, Visit> visits = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunHistory.Visit>> e : history.byState().entrySet()) {
            List<RunHistory.Visit> vs = e.getValue();
            Duration time = Duration.ZERO;
            String error = null;
            boolean failed = false;
            boolean recovered = false;
            for (RunHistory.Visit v : vs) {
                if (v.end() != null) time = time.plus(Duration.between(v.start(), v.end()));
                if (v.error() != null) error = v.error();
                failed |= v.outcome() == VisitOutcome.FAILED || "Fail".equals(v.type());
                recovered |= v.outcome() == VisitOutcome.RECOVERED || v.error() != null && v.outcome() != VisitOutcome.FAILED;
            }
            Outcome o;
            if (failed) o = Outcome.FAILED;
            else if (recovered) o = Outcome.CAUGHT;
            else if (vs.getLast().outcome() == VisitOutcome.UNFINISHED) o = Outcome.UNFINISHED;
            else o = Outcome.SUCCEEDED;
            visits.put(e.getKey(), new Visit(o, vs.size(), time, error));
        }
        return new StateOutcomes(visits, history);
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
        return history.taken(from, to);
    }
}
