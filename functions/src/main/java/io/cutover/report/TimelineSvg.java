package io.cutover.report;

import io.cutover.report.StateOutcomes.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.cutover.report.ExecutionGraphSvg.xml;

/**
 * The states of a run on a time axis: one row per state (in the order first entered), a bar per
 * visit coloured by how it went, and the freeze window as a band across all rows.
 */
public final class TimelineSvg {
    static final int LABEL = 230;
    static final int PLOT = 760;
    static final int ROW = 20;
    static final int TOP = 46;

    private TimelineSvg() {
    }

    public static String render(RunHistory history, Optional<FreezeWindow> freeze) {
        List<RunHistory.Visit> visits = history.visits();
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (RunHistory.Visit v : visits) rows.putIfAbsent(v.state(), rows.size());
        Instant t0 = history.started() != null ? history.started() : visits.isEmpty() ? Instant.EPOCH : visits.getFirst().start();
        Instant t1 = history.ended();
        for (RunHistory.Visit v : visits) {
            Instant last = v.end() != null ? v.end() : v.start();
            if (t1 == null || last.isAfter(t1)) t1 = last;
        }
        if (t1 == null) t1 = t0;
        double total = Math.max(0.001, Duration.between(t0, t1).toMillis() / 1000.0);
        int height = TOP + rows.size() * ROW + 30;
        int width = LABEL + PLOT + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<title>%s: %d state visits over %.3f s</title>%n", "timeline", visits.size(), total));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        for (Map.Entry<String, Integer> r : rows.entrySet()) {
            int y = TOP + r.getValue() * ROW;
            if (r.getValue() % 2 == 0) {
                svg.append(String.format("<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\"/>%n", y, width, ROW));
            }
            svg.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#263238\">%s</text>%n", LABEL - 8,
                    y + 14, xml(r.getKey())));
        }
        double step = tickStep(total);
        for (double t = 0; t <= total + 1e-9; t += step) {
            int x = x(t, total);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eceff1\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#607d8b\">%s s</text>%n", x, TOP - 4, x,
                    TOP + rows.size() * ROW, x, TOP - 8, trim(t)));
        }
        freeze.ifPresent(f -> {
            double from = Duration.between(t0, f.start()).toMillis() / 1000.0;
            double to = Duration.between(t0, f.end()).toMillis() / 1000.0;
            int x = x(from, total);
            int w = Math.max(2, x(to, total) - x);
            svg.append(String.format(Locale.ROOT, "<g id=\"freeze-window\" data-seconds=\"%.3f\"><rect x=\"%d\" y=\"%d\" width=\"%d\""
                    + " height=\"%d\" fill=\"#1565c0\" fill-opacity=\"0.10\" stroke=\"#1565c0\" stroke-dasharray=\"4,3\"/>"
                    + "<text x=\"%d\" y=\"%d\" fill=\"#0d47a1\" font-weight=\"bold\">freeze window %.3f s</text></g>%n",
                    f.duration().toMillis() / 1000.0, x, TOP - 2, w, rows.size() * ROW + 4, x + 4, height - 10,
                    f.duration().toMillis() / 1000.0));
        });
        for (RunHistory.Visit v : visits) {
            int y = TOP + rows.get(v.state()) * ROW + 4;
            double from = Duration.between(t0, v.start()).toMillis() / 1000.0;
            Instant end = v.end() != null ? v.end() : t1;
            double to = Duration.between(t0, end).toMillis() / 1000.0;
            int x = x(from, total);
            int w = Math.max(2, x(to, total) - x);
            Outcome o = switch (v.outcome()) {
                case SUCCEEDED -> Outcome.SUCCEEDED;
                case RECOVERED -> Outcome.CAUGHT;
                case FAILED -> Outcome.FAILED;
                case UNFINISHED -> Outcome.UNFINISHED;
            };
            svg.append(String.format(Locale.ROOT, "<rect class=\"visit\" data-state=\"%s\" data-outcome=\"%s\" x=\"%d\" y=\"%d\""
                            + " width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\" stroke=\"%s\"><title>%s: +%.3f s, %.3f s%s%s</title></rect>%n",
                    xml(v.state()), o.name().toLowerCase(Locale.ROOT), x, y, w, ROW - 8, o.fill, o.stroke, xml(v.state()), from,
                    to - from, v.attempts() > 1 ? ", " + v.attempts() + " attempts" : "",
                    v.error() == null ? "" : ", " + xml(v.error())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static int x(double seconds, double total) {
        return LABEL + (int) Math.round(seconds / total * PLOT);
    }

    /** About eight ticks at 1, 2 or 5 times a power of ten seconds. */
    static double tickStep(double total) {
        double raw = total / 8;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (raw <= m * magnitude) return m * magnitude;
        }
        return 10 * magnitude;
    }

    private static String trim(double t) {
        String s = String.format(Locale.ROOT, "%.3f", t);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
