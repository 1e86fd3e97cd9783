package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cli.CommandLines;
import io.cutover.json.Json;
import io.cutover.status.ReportText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * ./status: one view of a cutover's source, replica, DMS tasks, run and applications, against
 * AWS or the local rehearsal; human-readable, or JSON for scripts; once, or refreshed in place
 * (--watch) in a second window during a cutover.
 */
@Command(name = "status",
        description = "One view of a cutover: source, replica, positions and lag, replication slots, DMS tasks, the run's "
                + "steps and the applications. Each section is read on its own: one unreachable database shows its "
                + "error and the rest still prints.",
        exitCodeList = {"0:every section read", "1:some sections unreadable (each shows its error)",
                CommandLines.EXIT_USAGE, "3:no report at all"})
public final class StatusCommand implements Callable<Integer> {
    public static final int COMPLETE = CommandLines.OK;
    public static final int SOME_UNREADABLE = CommandLines.FAILED;
    public static final int USAGE = CommandLines.USAGE;
    public static final int NO_REPORT = 3;
    static final String DEFAULT_STATE_FILE = ".rehearsal/cloud.json";
    /** Clear the screen and go home: --watch redraws in place, like watch(1). */
    private static final String CLEAR = "\033[H\033[2J";

    @Option(names = "--source", paramLabel = "ID", description = "The source's RDS instance identifier.")
    private String sourceId;

    @Option(names = "--replica", paramLabel = "ID", description = "The replica's RDS instance identifier.")
    private String replicaId;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run to show (default: the run holding the source's lock).")
    private String runId;

    @Option(names = "--app", paramLabel = "NAME",
            description = "An application to show besides those whose sites are on the pair (repeatable).")
    private List<String> applications = new ArrayList<>();

    @Option(names = "--task", paramLabel = "ARN", description = "A DMS task ARN to show besides the run's CDC task (repeatable).")
    private List<String> taskArns = new ArrayList<>();

    @Option(names = "--input", paramLabel = "START_INPUT.json",
            description = "A run's start input: databases, secret ARNs, DMS source endpoint, applications.")
    private Path inputFile;

    @Option(names = "--json", description = "The report as JSON (one line per refresh with --watch).")
    private boolean json;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "5",
            description = "Refresh in place every SECONDS (default 5) until Ctrl-C.")
    private Integer watchSeconds;

    @ArgGroup(exclusive = true, heading = "%nWhere the report comes from (one of):%n")
    private Target target;

    /** With --aws. */
    @Mixin
    private AwsTables awsTables;

    @Spec
    private CommandSpec spec;

    /** How many reports --watch prints before it returns (tests); unbounded from main. */
    private final int maxReports;

    /** Where the report comes from. */
    static final class Target {
        @Option(names = "--aws", description = "AWS with the SDK's default credentials and region (the default), the "
                + "tables named by --runs-table and --appmap-table. The "
                + "machine running this must reach the databases (else invoke the Status Lambda and render its "
                + "output with --report).")
        boolean aws;

        @Option(names = "--local", paramLabel = "STATE_FILE", arity = "0..1", fallbackValue = DEFAULT_STATE_FILE,
                description = "The local rehearsal left running by ./rehearse --keep-running, through its state file "
                        + "(default: " + DEFAULT_STATE_FILE + "); without --source: its pair.")
        Path local;

        @Option(names = "--report", paramLabel = "FILE", description = "Render a saved report (e.g. aws lambda invoke ... out.json).")
        Path report;
    }

    public StatusCommand() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxReports how many reports --watch prints before it returns (tests) */
    StatusCommand(int maxReports) {
        this.maxReports = maxReports;
    }

    public static void main(String[] args) {
        // The run report page of an AWS run (--html): its own options, see docs/RUN-REPORT.md.
        if (io.cutover.report.RunReportCommand.requested(args)) {
            System.exit(io.cutover.report.RunReportCommand.run(args, System.out, System.err));
        }
        CommandLines.exit(new StatusCommand(), args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportSource source = source();
        int watch = watchSeconds == null ? 0 : watchSeconds;
        ObjectNode input;
        try {
            input = source.complete(input());
        } catch (Exception e) {
            err.println("status: " + message(e));
            return NO_REPORT;
        }
        int status = NO_REPORT;
        for (int n = 1; ; n++) {
            try {
                JsonNode report = source.report(input);
                status = report.path("sections").findValues("error").isEmpty() ? COMPLETE : SOME_UNREADABLE;
                if (json) {
                    out.println(watch > 0 ? report.toString() : report.toPrettyString());
                } else {
                    out.print((watch > 0 ? CLEAR : "") + ReportText.render(report));
                    if (watch > 0) out.printf("%nrefreshing every %d s (Ctrl-C ends)%n", watch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            } catch (Exception e) {
                // Watching, a report that cannot be had now (the rehearsal restarting, AWS throttling) may come next time.
                status = NO_REPORT;
                err.println("status: " + message(e));
                if (watch == 0) return status;
            }
            out.flush();
            if (watch == 0 || n >= maxReports) return status;
            try {
                Thread.sleep(watch * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The report source the options name; AWS needs a pair, a run or an input, and the table names. */
    private ReportSource source() {
        if (watchSeconds != null) CommandLines.inRange(spec, "--watch", watchSeconds, 1, 86_400);
        Target t = target == null ? new Target() : target;
        if (t.report != null) return new SavedReportSource(t.report);
        if (t.local != null) return new RehearsalReportSource(t.local);
        if (sourceId == null && runId == null && inputFile == null) {
            throw new ParameterException(spec.commandLine(),
                    "name the pair (--source ID --replica ID), a run (--run ID) or --input FILE");
        }
        return awsTables.reportSource(spec);
    }

    /** The status Lambda's input: the start input if given, then the options over it. */
    private ObjectNode input() throws IOException {
        ObjectNode in = inputFile == null ? Json.mapper().createObjectNode()
                : (ObjectNode) Json.mapper().readTree(Files.readString(inputFile));
        if (sourceId != null) in.put("sourceId", sourceId);
        if (replicaId != null) in.put("replicaId", replicaId);
        if (runId != null) in.put("runId", runId);
        if (!applications.isEmpty()) {
            var apps = in.putArray("applications");
            applications.forEach(apps::add);
        }
        if (!taskArns.isEmpty()) {
            var tasks = in.putArray("taskArns");
            taskArns.forEach(tasks::add);
        }
        return in;
    }
}
