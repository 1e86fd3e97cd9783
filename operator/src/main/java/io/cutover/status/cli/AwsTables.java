package io.cutover.status.cli;

import io.cutover.cli.RunsTable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The tables ./status --aws reads, --runs-table and --appmap-table, needed together (a picocli mixin). */
final class AwsTables {
    @Mixin
    private RunsTable runsTable;

    @Option(names = "--appmap-table", paramLabel = "NAME", defaultValue = "${env:CUTOVER_APPMAP_TABLE}",
            description = "The appmap table (default: $CUTOVER_APPMAP_TABLE; stack output AppMapTableName).")
    private String appMapTable;

    /** The report collected in this process from both tables, or a usage error when either is not named. */
    ReportSource reportSource(CommandSpec spec) {
        if (runsTable.name() == null || appMapTable == null) {
            throw new ParameterException(spec.commandLine(), "--aws needs the table names: --runs-table and --appmap-table"
                    + " (or CUTOVER_RUNS_TABLE / CUTOVER_APPMAP_TABLE; the stack outputs RunsTableName and AppMapTableName)");
        }
        return new AwsReportSource(runsTable.name(), appMapTable);
    }
}
