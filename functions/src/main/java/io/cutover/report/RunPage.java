package io.cutover.report;

import io.cutover.failure.LambdaErrorCause;
import io.cutover.run.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.cutover.report.ExecutionGraphSvg.xml;

/**
 * One run on one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): how
 * it ended and why, the captured position, the resources it created, the data checks per table,
 * a timeline of its states with the freeze window marked and the execution graph coloured by
 * outcome. Something to attach to a change ticket. Built from the run's Step Functions history,
 * so a rehearsal and an AWS run give the same page.
 */
public final class RunPage {

    /**
     * What the run item and the data checks say besides the history.
     *
     * @param runbook    e.g. promote-replica
     * @param position   the captured CDC start position, or null
     * @param resources  role -> ARN or value, as the run item records them
     * @param cause      the run item's cause on failure, or null (the execution's own cause is shown too)
     * @param dataChecks per table, or empty when none were made
     * @param notes      short lines shown under the title, "term: text" (e.g. measured times)
     */
    public record Facts(String runbook, String runId, String position, Map<String, String> resources, String cause,
                        List<DataCheck> dataChecks, List<String> notes) {
        public Facts {
            resources = resources == null ? Map.of() : Map.copyOf(resources);
            dataChecks = dataChecks == null ? List.of() : List.copyOf(dataChecks);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** From the run item (none: the run stopped before it took its lock, {@code cause} says why). */
        public static Facts of(String runbook, String runId, RunRecord run, String cause, List<DataCheck> dataChecks,
                               List<String> notes) {
            return new Facts(runbook, runId, run == null ? null : run.position(), run == null ? Map.of() : run.resources(),
                    run == null || run.cause() == null ? cause : run.cause(), dataChecks, notes);
        }
    }

    /** One table: what the source and the target hold (rows, checksum, validation state) and the verdict. */
    public record DataCheck(String table, String source, String target, String verdict, boolean ok) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RunPage() {
    }

    /** Writes the page of a run of {@code definition} (its .asl.json) to {@code target}. */
    public static Path write(Path definition, RunHistory history, Facts facts, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, render(StateMachineGraph.of(definition), history, facts));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report " + target, e);
        }
    }

    public static String render(StateMachineGraph graph, RunHistory history, Facts facts) {
        Optional<FreezeWindow> freeze = FreezeWindow.of(history);
        String status = history.status();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<title>").append(xml(facts.runbook() + " " + facts.runId() + ": " + status)).append("</title>\n");
        h.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<header>\n<h1>").append(xml(facts.runbook())).append(" <span class=\"run\">").append(xml(facts.runId()))
                .append("</span></h1>\n");
        h.append("<p id=\"status\" class=\"status ").append(status.toLowerCase(Locale.ROOT)).append("\">").append(xml(status))
                .append("</p>\n<dl class=\"summary\">\n");
        item(h, "started", history.started() == null ? "-" : TIME.format(history.started()));
        item(h, "ended", history.ended() == null ? "still running" : TIME.format(history.ended()));
        if (history.started() != null && history.ended() != null) {
            item(h, "duration", seconds(Duration.between(history.started(), history.ended())));
        }
        item(h, "freeze window", freeze.map(f -> seconds(f.duration()) + " (applications held)")
                .orElse("none (no freeze, or not reached)"));
        for (String note : facts.notes()) {
            int colon = note.indexOf(": ");
            if (colon > 0) item(h, note.substring(0, colon), note.substring(colon + 2));
            else item(h, "", note);
        }
        h.append("</dl>\n</header>\n");

        if (history.error() != null || facts.cause() != null) {
            h.append("<section id=\"cause\" class=\"cause\">\n<h2>Why it ").append("ABORTED".equals(status) ? "stopped" : "failed")
                    .append("</h2>\n");
            String message = history.error() == null ? null : LambdaErrorCause.message(history.cause());
            if (facts.cause() != null && !facts.cause().equals(message)) {
                h.append("<p class=\"run-cause\">").append(xml(facts.cause())).append("</p>\n");
            }
            if (history.error() != null) {
                h.append("<p><b>").append(xml(LambdaErrorCause.shortName(history.error()))).append("</b>: ")
                        .append(xml(message)).append("</p>\n");
                h.append("<details><summary>error and cause as Step Functions recorded them</summary><pre>")
                        .append(xml(history.error())).append("\n").append(xml(history.cause())).append("</pre></details>\n");
            }
            h.append("</section>\n");
        }

        h.append("<section id=\"position\">\n<h2>Captured position</h2>\n<p>")
                .append(facts.position() == null ? "none captured" : "<code>" + xml(facts.position()) + "</code> (CDC start)")
                .append("</p>\n</section>\n");

        h.append("<section id=\"resources\">\n<h2>Created resources</h2>\n");
        if (facts.resources().isEmpty()) {
            h.append("<p>none recorded</p>\n");
        } else {
            h.append("<table>\n<tr><th>role</th><th>resource</th></tr>\n");
            facts.resources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> h.append("<tr><td>")
                    .append(xml(e.getKey())).append("</td><td><code>").append(xml(e.getValue())).append("</code></td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"data\">\n<h2>Data checks</h2>\n");
        if (facts.dataChecks().isEmpty()) {
            h.append("<p>none made</p>\n");
        } else {
            h.append("<table>\n<tr><th>table</th><th>source</th><th>target</th><th>verdict</th></tr>\n");
            for (DataCheck c : facts.dataChecks()) {
                h.append("<tr class=\"").append(c.ok() ? "ok" : "bad").append("\"><td>").append(xml(c.table())).append("</td><td>")
                        .append(xml(c.source())).append("</td><td>").append(xml(c.target())).append("</td><td>")
                        .append(xml(c.verdict())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"states\">\n<h2>Timeline</h2>\n<div class=\"figure\">").append(TimelineSvg.render(history, freeze))
                .append("</div>\n</section>\n");
        String title = facts.runbook() + "  " + facts.runId() + "  " + status;
        String graphSvg = ExecutionGraphSvg.render(graph, StateOutcomes.of(history), title)
                .replaceFirst("<\\?xml[^>]*>\\s*", "").replaceFirst("<svg ", "<svg id=\"execution-graph\" ");
        h.append("<section id=\"graph\">\n<h2>Execution graph</h2>\n<div class=\"figure\">").append(graphSvg).append("</div>\n</section>\n");
        h.append("<footer>cutover run report, generated ").append(TIME.format(Instant.now()))
                .append(" from the Step Functions execution history and the run item.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, String term, String value) {
        h.append("<dt>").append(xml(term)).append("</dt><dd>").append(xml(value)).append("</dd>\n");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
    }

    private static final String CSS = """
            body { font-family: Helvetica, Arial, sans-serif; color: #263238; margin: 24px 32px; max-width: 1100px; }
            h1 { margin: 0 0 6px 0; font-size: 24px; } h1 .run { font-weight: normal; color: #546e7a; }
            h2 { font-size: 17px; border-bottom: 1px solid #cfd8dc; padding-bottom: 4px; margin-top: 28px; }
            .status { display: inline-block; padding: 3px 12px; border-radius: 12px; font-weight: bold; margin: 4px 0 10px 0; }
            .status.succeeded { background: #c8e6c9; color: #1b5e20; } .status.failed, .status.timed_out { background: #ffcdd2; color: #b71c1c; }
            .status.aborted { background: #ffe0b2; color: #e65100; } .status.running { background: #bbdefb; color: #0d47a1; }
            dl.summary { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 0; }
            dt { color: #607d8b; } dd { margin: 0; }
            .cause { background: #fff3f3; border-left: 4px solid #c62828; padding: 4px 16px 10px 16px; }
            .cause h2 { border: none; color: #b71c1c; }
            table { border-collapse: collapse; font-size: 13px; } th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #eceff1; }
            tr.ok td:last-child { color: #1b5e20; font-weight: bold; } tr.bad td:last-child { color: #b71c1c; font-weight: bold; }
            code, pre { font-family: Menlo, Consolas, monospace; font-size: 12px; } pre { white-space: pre-wrap; word-break: break-all; }
            .figure { overflow-x: auto; } .figure svg { max-width: 100%; height: auto; }
            footer { margin-top: 32px; color: #90a4ae; font-size: 12px; }
            """;
}
