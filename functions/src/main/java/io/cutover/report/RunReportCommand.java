package io.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./status --report STATUS.json --history HISTORY.json --html PAGE.html [--definition ASL]}:
 * the run report page of a run on AWS, from what the AWS CLI saves: the execution history
 * ({@code aws stepfunctions get-execution-history --execution-arn ARN > history.json}), the status
 * report ({@code aws lambda invoke} on the Status function, or {@code ./status --json}) for the run
 * item and DMS's table statistics, and the state machine ({@code statemachines/<runbook>.asl.json}
 * by default, or {@code aws stepfunctions describe-state-machine} output).
 */
public final class RunReportCommand {
    static final String USAGE = """
            usage: ./status --html PAGE.html --history HISTORY.json [--report STATUS.json] [--definition ASL.json] [--run RUN_ID]
              --history     aws stepfunctions get-execution-history --execution-arn ARN > HISTORY.json
              --report      the run's status report (aws lambda invoke on the Status function, or ./status --json)
              --definition  the state machine: its .asl.json, or aws stepfunctions describe-state-machine output
                            (default: statemachines/<runbook>.asl.json, the runbook from the status report)""";
    /** DMS validation states that mean the data differ or could not be checked. */
    static final Set<String> BAD_VALIDATION = Set.of("Mismatched records", "Suspended records", "Table error", "Error",
            "No primary key");

    private RunReportCommand() {
    }

    /** Whether the status command's arguments ask for a page. */
    public static boolean requested(String[] args) {
        return List.of(args).contains("--html");
    }

    /** @return 0 when the page was written, 2 on bad arguments or unreadable files */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!Set.of("--html", "--history", "--report", "--definition", "--run").contains(a) || i + 1 >= args.length) {
                err.println("status: " + (a.startsWith("--") ? "'" + a + "' needs a value or is not an option of a run report" : "unexpected '" + a + "'"));
                err.println(USAGE);
                return 2;
            }
            o.put(a, args[++i]);
        }
        if (!o.containsKey("--history")) {
            err.println("status: --html needs --history (the execution history)");
            err.println(USAGE);
            return 2;
        }
        try {
            RunHistory history = RunHistory.read(Path.of(o.get("--history")));
            JsonNode report = o.containsKey("--report") ? Json.mapper().readTree(Path.of(o.get("--report")).toFile()) : null;
            JsonNode run = report == null ? null : report.at("/sections/run/content");
            String runbook = run != null && run.hasNonNull("runbook") ? run.get("runbook").asText() : "promote-replica";
            JsonNode definition = definition(o.get("--definition"), runbook);
            String runId = o.getOrDefault("--run", run != null && run.hasNonNull("runId") ? run.get("runId").asText() : "run");
            RunPage.Facts facts = new RunPage.Facts(runbook, runId, text(run, "position"), resources(run), text(run, "cause"),
                    dataChecks(report), List.of());
            Path target = Path.of(o.get("--html"));
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, RunPage.render(StateMachineGraph.of(definition), history, facts));
            out.println("run report: " + target.toAbsolutePath());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("status: " + e.getMessage());
            return 2;
        }
    }

    private static JsonNode definition(String file, String runbook) throws IOException {
        Path path = file != null ? Path.of(file) : Path.of("statemachines", runbook + ".asl.json");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no state machine definition " + path + " (give --definition)");
        }
        JsonNode json = Json.mapper().readTree(path.toFile());
        if (!json.has("States") && json.path("definition").isTextual()) json = Json.mapper().readTree(json.get("definition").asText());
        return json;
    }

    private static Map<String, String> resources(JsonNode run) {
        Map<String, String> out = new LinkedHashMap<>();
        if (run != null) run.path("resources").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** DMS's table statistics: rows and validation state per table. */
    private static List<RunPage.DataCheck> dataChecks(JsonNode report) {
        List<RunPage.DataCheck> out = new ArrayList<>();
        if (report == null) return out;
        for (JsonNode t : report.at("/sections/dmsTableStatistics/content")) {
            if (!t.has("table")) continue;
            String validation = t.path("validationState").asText("-");
            out.add(new RunPage.DataCheck(t.path("schema").asText("") + "." + t.path("table").asText(),
                    "DMS task " + t.path("task").asText("-"),
                    t.path("rows").asText("-") + " rows, " + t.path("inserts").asText("0") + " inserts, "
                            + t.path("updates").asText("0") + " updates, " + t.path("deletes").asText("0") + " deletes",
                    "validation: " + validation, !BAD_VALIDATION.contains(validation)));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}
