package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.report.RunReportCommand;
import io.cutover.status.ReportText;

import java.io.PrintStream;
import java.nio.file.Files;

/**
 * ./status: one view of a cutover's source, replica, DMS tasks, run and applications, against
 * AWS or the local rehearsal; human-readable, or JSON for scripts; once, or refreshed in place
 * (--watch) in a second window during a cutover.
 */
public final class StatusCommand {
    public static final int COMPLETE = 0;
    public static final int SOME_UNREADABLE = 1;
    public static final int USAGE = 2;
    public static final int NO_REPORT = 3;
    /** Clear the screen and go home: --watch redraws in place, like watch(1). */
    private static final String CLEAR = "\033[H\033[2J";

    private StatusCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Integer.MAX_VALUE));
    }

    /**
     * @param maxReports how many reports --watch prints before it returns (tests); unbounded from main
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err, int maxReports) {
        if (RunReportCommand.requested(args)) return RunReportCommand.run(args, out, err);
        StatusOptions options;
        try {
            options = StatusOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("status: " + e.getMessage());
            err.println(StatusOptions.usage());
            return USAGE;
        }
        if (options == null) {
            out.println(StatusOptions.usage());
            return COMPLETE;
        }
        ReportSource source;
        ObjectNode input;
        try {
            source = source(options);
            input = source.complete(input(options));
        } catch (Exception e) {
            err.println("status: " + message(e));
            return NO_REPORT;
        }
        int status = NO_REPORT;
        for (int n = 1; ; n++) {
            try {
                JsonNode report = source.report(input);
                status = report.path("sections").findValues("error").isEmpty() ? COMPLETE : SOME_UNREADABLE;
                if (options.json()) {
                    out.println(options.watchSeconds() > 0 ? report.toString() : report.toPrettyString());
                } else {
                    out.print((options.watchSeconds() > 0 ? CLEAR : "") + ReportText.render(report));
                    if (options.watchSeconds() > 0) out.printf("%nrefreshing every %d s (Ctrl-C ends)%n", options.watchSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            } catch (Exception e) {
                // Watching, a report that cannot be had now (the rehearsal restarting, AWS throttling) may come next time.
                status = NO_REPORT;
                err.println("status: " + message(e));
                if (options.watchSeconds() == 0) return status;
            }
            out.flush();
            if (options.watchSeconds() == 0 || n >= maxReports) return status;
            try {
                Thread.sleep(options.watchSeconds() * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ReportSource source(StatusOptions o) {
        return switch (o.mode()) {
            case LOCAL -> new RehearsalReportSource(o.stateFile());
            case FILE -> new SavedReportSource(o.reportFile());
            case AWS -> new AwsReportSource(o.runsTable(), o.appMapTable());
        };
    }

    /** The status Lambda's input: the start input if given, then the options over it. */
    static ObjectNode input(StatusOptions o) throws java.io.IOException {
        ObjectNode in = o.inputFile() == null ? Json.mapper().createObjectNode()
                : (ObjectNode) Json.mapper().readTree(Files.readString(o.inputFile()));
        if (o.sourceId() != null) in.put("sourceId", o.sourceId());
        if (o.replicaId() != null) in.put("replicaId", o.replicaId());
        if (o.runId() != null) in.put("runId", o.runId());
        if (!o.applications().isEmpty()) {
            var apps = in.putArray("applications");
            o.applications().forEach(apps::add);
        }
        if (!o.taskArns().isEmpty()) {
            var tasks = in.putArray("taskArns");
            o.taskArns().forEach(tasks::add);
        }
        return in;
    }
}
