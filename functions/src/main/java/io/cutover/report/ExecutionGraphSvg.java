package io.cutover.report;

import io.cutover.failure.LambdaErrorCause;
import io.cutover.report.StateMachineGraph.Edge;
import io.cutover.report.StateMachineGraph.EdgeKind;
import io.cutover.report.StateMachineGraph.State;
import io.cutover.report.StateOutcomes.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An execution graph like the Step Functions console's: every state of the machine in layers,
 * every transition, the run's path drawn dark and each state coloured by how it went (green
 * succeeded, orange failed but retried or caught, red failed, grey not visited). Failure-path
 * transitions (Catch States.ALL) run along a rail on the left, so twenty of them stay readable.
 */
public final class ExecutionGraphSvg {

    static final int NODE_W = 236;
    static final int NODE_H = 46;
    static final int ROW = 74;
    static final int COLUMN = 300;
    static final int LEFT = 70;
    static final int TOP = 96;
    static final int RAIL_X = 26;

    private ExecutionGraphSvg() {
    }

    /** Renders the run of {@code definition} and writes it to {@code target}; returns the file. */
    public static Path write(Path definition, String executionName, RunHistory history, Path target) {
        String svg = render(StateMachineGraph.of(definition), StateOutcomes.of(history), title(definition, executionName, history));
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, svg);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write execution graph " + target, e);
        }
    }

    /** "promote-replica  run-1  SUCCEEDED in 4.2 s" */
    static String title(Path definition, String executionName, RunHistory history) {
        String machine = definition.getFileName().toString().replace(".asl.json", "");
        String took = history.started() != null && history.ended() != null
                ? String.format(Locale.ROOT, " in %.1f s", java.time.Duration.between(history.started(), history.ended()).toMillis() / 1000.0)
                : "";
        return machine + "  " + executionName + "  " + history.status() + took;
    }

    public static String render(StateMachineGraph graph, StateOutcomes outcomes, String title) {
        int rows = graph.states().values().stream().mapToInt(State::depth).max().orElse(0) + 1;
        int columns = graph.states().values().stream().mapToInt(State::column).max().orElse(0) + 1;
        int width = LEFT + columns * COLUMN + 60;
        int height = TOP + rows * ROW + 20;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Helvetica, Arial, sans-serif\">%n", width, height, width, height));
        svg.append("<title>").append(xml(title)).append("</title>\n");
        svg.append("<defs>\n");
        marker(svg, "arrow", "#b0b0b0");
        marker(svg, "arrow-taken", "#263238");
        marker(svg, "arrow-failure", "#c62828");
        svg.append("</defs>\n");
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        svg.append(String.format("<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\" fill=\"#263238\">%s</text>%n",
                RAIL_X, xml(title)));
        legend(svg);

        svg.append("<g class=\"edges\">\n");
        for (State target : graph.states().values()) {
            if (StateMachineGraph.sharedCatchTarget(target.name(), graph.edges())) rail(svg, graph, target);
        }
        for (Edge e : graph.edges()) {
            State from = graph.states().get(e.from());
            State to = graph.states().get(e.to());
            if (from == null || to == null) continue;
            edge(svg, e, from, to, outcomes.taken(e.from(), e.to()),
                    StateMachineGraph.sharedCatchTarget(e.to(), graph.edges()));
        }
        svg.append("</g>\n<g class=\"states\">\n");
        for (State s : graph.states().values()) node(svg, s, outcomes);
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg) {
        int x = RAIL_X;
        for (Outcome o : Outcome.values()) {
            String label = switch (o) {
                case SUCCEEDED -> "succeeded";
                case CAUGHT -> "failed, retried or caught";
                case FAILED -> "failed";
                case UNFINISHED -> "entered, not finished";
                case NOT_VISITED -> "not visited";
            };
            svg.append(String.format("<rect x=\"%d\" y=\"44\" width=\"16\" height=\"16\" rx=\"3\" fill=\"%s\" stroke=\"%s\"/>"
                    + "<text x=\"%d\" y=\"57\" font-size=\"12\" fill=\"#37474f\">%s</text>%n", x, o.fill, o.stroke, x + 22, label));
            x += 30 + label.length() * 7;
        }
        svg.append(String.format("<line x1=\"%d\" y1=\"76\" x2=\"%d\" y2=\"76\" stroke=\"#263238\" stroke-width=\"2.5\""
                + " marker-end=\"url(#arrow-taken)\"/><text x=\"%d\" y=\"80\" font-size=\"12\" fill=\"#37474f\">the run's path"
                + " (xN: taken N times)</text>%n", RAIL_X, RAIL_X + 34, RAIL_X + 44));
        svg.append(String.format("<line x1=\"%d\" y1=\"76\" x2=\"%d\" y2=\"76\" stroke=\"#e57373\" stroke-dasharray=\"5,4\"/>"
                + "<text x=\"%d\" y=\"80\" font-size=\"12\" fill=\"#37474f\">Catch States.ALL (to the rollback)</text>%n",
                RAIL_X + 300, RAIL_X + 334, RAIL_X + 344));
    }

    /** The catch rail into a state many states catch into: one dashed line from the highest catcher down. */
    private static void rail(StringBuilder svg, StateMachineGraph graph, State target) {
        int top = graph.edges().stream().filter(e -> e.failurePath() && e.to().equals(target.name()))
                .map(e -> graph.states().get(e.from())).filter(java.util.Objects::nonNull)
                .mapToInt(s -> y(s) + NODE_H / 2).min().orElse(y(target));
        svg.append(String.format("<path class=\"catch-rail\" data-to=\"%s\" d=\"M %d %d V %d H %d\" fill=\"none\""
                + " stroke=\"#e57373\" stroke-width=\"1.2\" stroke-dasharray=\"5,4\" marker-end=\"url(#arrow-failure)\"/>%n",
                xml(target.name()), RAIL_X, top, y(target) + NODE_H / 2, x(target) - 2));
    }

    private static void marker(StringBuilder svg, String id, String colour) {
        svg.append(String.format("<marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"%s\"/></marker>%n",
                id, colour));
    }

    private static int x(State s) {
        return LEFT + s.column() * COLUMN;
    }

    private static int y(State s) {
        return TOP + s.depth() * ROW;
    }

    private static void edge(StringBuilder svg, Edge e, State from, State to, int taken, boolean sharedTarget) {
        String path;
        int fx = x(from);
        int fy = y(from);
        int tx = x(to);
        int ty = y(to);
        if (e.kind() == EdgeKind.CATCH_ALL && sharedTarget) {
            // Along the rail on the left, into the target's left side; untaken, only the stub to the rail
            // (the rail itself is drawn once, see rail()).
            path = taken > 0 ? String.format("M %d %d H %d V %d H %d", fx, fy + NODE_H / 2, RAIL_X, ty + NODE_H / 2, tx - 2)
                    : String.format("M %d %d H %d", fx, fy + NODE_H / 2, RAIL_X);
        } else if (e.kind() == EdgeKind.CATCH_ALL) {
            // The one state catching into it: straight across, right side to left side.
            path = String.format("M %d %d C %d %d %d %d %d %d", fx + NODE_W, fy + NODE_H / 2, fx + NODE_W + 30, fy + NODE_H / 2,
                    tx - 30, ty + NODE_H / 2, tx - 2, ty + NODE_H / 2);
        } else if (to.depth() == from.depth() + 1 && to.column() == from.column()) {
            path = String.format("M %d %d V %d", fx + NODE_W / 2, fy + NODE_H, ty - 2);
        } else if (to.depth() > from.depth()) {
            int fxc = fx + NODE_W / 2;
            int txc = tx + NODE_W / 2;
            int bend = to.column() == from.column() ? NODE_W / 2 + 40 : 0; // around the states in between
            path = String.format("M %d %d C %d %d %d %d %d %d", fxc, fy + NODE_H, fxc + bend, fy + NODE_H + 40,
                    txc + bend, ty - 40, txc, ty - 2);
        } else {
            // Back to an earlier state (a polling loop): out of the right side and back into it.
            int out = Math.max(fx, tx) + NODE_W + 34;
            path = String.format("M %d %d C %d %d %d %d %d %d", fx + NODE_W, fy + NODE_H / 2, out, fy + NODE_H / 2,
                    out, ty + NODE_H / 2, tx + NODE_W + 2, ty + NODE_H / 2);
        }
        boolean failure = e.kind() == EdgeKind.CATCH_ALL;
        String stroke = taken > 0 ? (failure ? "#c62828" : "#263238") : (failure ? "#e57373" : "#b0b0b0");
        String marker = taken > 0 ? (failure ? "arrow-failure" : "arrow-taken") : (failure ? "arrow-failure" : "arrow");
        String markerEnd = failure && sharedTarget && taken == 0 ? "" : " marker-end=\"url(#" + marker + ")\"";
        svg.append(String.format("<path class=\"transition%s\" data-from=\"%s\" data-to=\"%s\" data-kind=\"%s\" data-taken=\"%d\""
                        + " d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s/>%n",
                taken > 0 ? " taken" : "", xml(e.from()), xml(e.to()), e.kind().name().toLowerCase(Locale.ROOT), taken, path,
                stroke, taken > 0 ? "2.5" : "1.2", failure && taken == 0 ? " stroke-dasharray=\"5,4\" opacity=\"0.6\"" : "",
                markerEnd));
        if (taken > 1) {
            int lx = e.kind() == EdgeKind.CATCH_ALL && sharedTarget ? RAIL_X + 4 : Math.max(fx, tx) + NODE_W + 38;
            int ly = (fy + ty) / 2 + NODE_H / 2;
            svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#263238\">x%d</text>%n", lx, ly, taken));
        }
        if (e.label() != null && e.kind() == EdgeKind.CATCH) {
            svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#607d8b\">%s</text>%n",
                    Math.max(fx, tx) + NODE_W / 2 + 6, (fy + NODE_H + ty) / 2, xml(e.label())));
        }
    }

    private static void node(StringBuilder svg, State s, StateOutcomes outcomes) {
        Outcome o = outcomes.outcome(s.name());
        StateOutcomes.Visit v = outcomes.visit(s.name());
        int x = x(s);
        int y = y(s);
        String detail = s.type();
        if (v != null) {
            detail += String.format(Locale.ROOT, "  %.2f s", v.time().toMillis() / 1000.0);
            if (v.entered() > 1) detail += "  x" + v.entered();
            if (v.error() != null && o != Outcome.SUCCEEDED) detail += "  " + LambdaErrorCause.shortName(v.error());
        }
        int rx = "Choice".equals(s.type()) ? 22 : 6;
        svg.append(String.format("<g class=\"state\" id=\"state-%s\" data-state=\"%s\" data-type=\"%s\" data-outcome=\"%s\">%n",
                xml(s.name()), xml(s.name()), xml(s.type()), o.name().toLowerCase(Locale.ROOT)));
        svg.append("<title>").append(xml(s.name() + ": " + o.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (v != null && v.error() != null ? " (" + v.error() + ")" : ""))).append("</title>\n");
        svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\" fill=\"%s\" stroke=\"%s\""
                + " stroke-width=\"%s\"/>%n", x, y, NODE_W, NODE_H, rx, o.fill, o.stroke, o == Outcome.NOT_VISITED ? "1" : "2"));
        if ("Fail".equals(s.type()) || "Succeed".equals(s.type())) {
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"none\" stroke=\"%s\"/>%n",
                    x + 3, y + 3, NODE_W - 6, NODE_H - 6, o.stroke));
        }
        svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\""
                + " fill=\"#212121\">%s</text>%n", x + NODE_W / 2, y + 19, xml(s.name())));
        svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"10.5\" text-anchor=\"middle\" fill=\"#455a64\">%s</text>%n",
                x + NODE_W / 2, y + 36, xml(detail)));
        svg.append("</g>\n");
    }

    static String xml(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') b.append(c);
                }
            }
        }
        return b.toString();
    }
}
