package io.cutover.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** --runs-table of the commands that read the runs table, ./status and ./cleanup (a picocli mixin). */
public final class RunsTable {
    @Option(names = "--runs-table", paramLabel = "NAME", defaultValue = "${env:CUTOVER_RUNS_TABLE}",
            description = "The runs table (default: $CUTOVER_RUNS_TABLE; stack output RunsTableName).")
    private String name;

    /** The table's name; null when neither --runs-table nor CUTOVER_RUNS_TABLE gives one. */
    public String name() {
        return name;
    }

    /** The table's name, or a usage error naming --runs-table. */
    public String required(CommandSpec spec) {
        if (name == null || name.isBlank()) {
            throw CommandLines.invalid(spec, "--runs-table", "no runs table: give --runs-table or set CUTOVER_RUNS_TABLE");
        }
        return name;
    }
}
