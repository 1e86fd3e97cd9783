package io.cutover.status.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the status command was asked.
 *
 * @param watchSeconds 0: print once; else refresh every so many seconds
 * @param stateFile    --local: the rehearsal's state file
 * @param inputFile    a run's start input (names databases, secrets and the DMS source endpoint)
 * @param reportFile   --report: render a saved report (e.g. the status Lambda's output)
 */
record StatusOptions(
        Mode mode,
        String sourceId,
        String replicaId,
        String runId,
        List<String> applications,
        List<String> taskArns,
        boolean json,
        int watchSeconds,
        Path stateFile,
        Path inputFile,
        Path reportFile,
        String runsTable,
        String appMapTable) {

    enum Mode { AWS, LOCAL, FILE }

    static final Path DEFAULT_STATE_FILE = Path.of(".rehearsal", "cloud.json");
    static final int DEFAULT_WATCH_SECONDS = 5;

    /** @return null when only the usage was asked for */
    static StatusOptions parse(String[] args) {
        Mode mode = Mode.AWS;
        String source = null;
        String replica = null;
        String run = null;
        List<String> apps = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        boolean json = false;
        int watch = 0;
        Path state = DEFAULT_STATE_FILE;
        Path input = null;
        Path report = null;
        String runsTable = System.getenv("CUTOVER_RUNS_TABLE");
        String appMapTable = System.getenv("CUTOVER_APPMAP_TABLE");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--source" -> source = value(args, ++i, a);
                case "--replica" -> replica = value(args, ++i, a);
                case "--run" -> run = value(args, ++i, a);
                case "--app" -> apps.add(value(args, ++i, a));
                case "--task" -> tasks.add(value(args, ++i, a));
                case "--json" -> json = true;
                case "--watch" -> {
                    watch = DEFAULT_WATCH_SECONDS;
                    if (i + 1 < args.length && args[i + 1].matches("\\d+")) watch = Math.max(1, Integer.parseInt(args[++i]));
                }
                case "--aws" -> mode = Mode.AWS;
                case "--local" -> {
                    mode = Mode.LOCAL;
                    if (i + 1 < args.length && !args[i + 1].startsWith("--")) state = Path.of(args[++i]);
                }
                case "--report" -> {
                    mode = Mode.FILE;
                    report = Path.of(value(args, ++i, a));
                }
                case "--input" -> input = Path.of(value(args, ++i, a));
                case "--runs-table" -> runsTable = value(args, ++i, a);
                case "--appmap-table" -> appMapTable = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (mode == Mode.AWS && source == null && run == null && input == null) {
            throw new IllegalArgumentException("name the pair (--source ID --replica ID), a run (--run ID) or --input FILE");
        }
        if (mode == Mode.AWS && (runsTable == null || appMapTable == null)) {
            throw new IllegalArgumentException("--aws needs the table names: --runs-table and --appmap-table"
                    + " (or CUTOVER_RUNS_TABLE / CUTOVER_APPMAP_TABLE; the stack outputs RunsTableName and AppMapTableName)");
        }
        return new StatusOptions(mode, source, replica, run, List.copyOf(apps), List.copyOf(tasks), json, watch, state, input,
                report, runsTable, appMapTable);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    static String usage() {
        return """
                usage: ./status --source ID --replica ID [--run RUN_ID] [--app NAME]... [--task ARN]...
                                [--input START_INPUT.json] [--json] [--watch [SECONDS]]
                                [--local [STATE_FILE] | --aws [--runs-table T --appmap-table T] | --report FILE]
                  --source, --replica  the RDS instance identifiers of the pair
                  --run                the run to show (default: the run holding the source's lock)
                  --app                an application to show besides those whose sites are on the pair
                  --task               a DMS task ARN to show besides the run's CDC task
                  --input              a run's start input: databases, secret ARNs, DMS source endpoint, applications
                  --json               the report as JSON (one line per refresh with --watch)
                  --watch [SECONDS]    refresh in place every SECONDS (default 5) until Ctrl-C
                  --local [FILE]       the local rehearsal left running by ./rehearse --keep-running
                                       (state file, default .rehearsal/cloud.json); without --source: its pair
                  --aws                AWS with the SDK's default credentials and region (default); the machine
                                       running this must reach the databases (else invoke the Status Lambda and
                                       render its output with --report)
                  --report FILE        render a saved report (e.g. aws lambda invoke ... out.json)
                  --html PAGE --history HISTORY.json [--report FILE] [--definition ASL]
                                       the run report page (HTML) of a run on AWS (docs/RUN-REPORT.md)
                exit status: 0 every section read, 1 some sections unreadable (each shows its error),
                             2 bad arguments, 3 no report at all""";
    }
}
