package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.migrate.TableName;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.validation.Pause;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.migrate.validation.TableComparison;
import io.cutover.migrate.validation.TableResult;
import io.cutover.migrate.validation.Validation;
import io.cutover.migrate.validation.ValidationSettings;
import io.cutover.replication.Replication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The two validations, per selected table: DMS's own ({@code ValidationState} and failed records
 * from DescribeTableStatistics) and the product's ({@link Validation}: counts and checksums over
 * key ranges on both sides, differing ranges narrowed to their keys). Run while CDC flows
 * ({@link #validate}: ranges still changing are re-checked, and a verdict of "unsettled" waits for
 * the final pass) and inside the freeze after the drain ({@link #finalValidation}: every table
 * must be equal). A difference names the table and its keys and ends the run.
 */
public record MigrationDataCheck(MigrationCatalog catalog, TableChecksums checksums, Replication replication, Pause pause) {
    private static final Set<TableResult.Status> GOOD = EnumSet.of(TableResult.Status.EQUAL,
            TableResult.Status.EQUAL_IN_COMPARED_COLUMNS, TableResult.Status.NOT_VALIDATED);
    private static final String DMS_MISMATCHED = "Mismatched records";

    /** While CDC flows: a table whose ranges kept changing is left to the final pass. */
    public MigrationState.DataValidation validate(MigrationState state) {
        return check(state, false);
    }

    /** Inside the freeze, after the drain: nothing changes now, so every table must be equal. */
    public MigrationState.DataValidation finalValidation(MigrationState state) {
        return check(state, true);
    }

    private MigrationState.DataValidation check(MigrationState state, boolean last) {
        long started = System.nanoTime();
        MigrateInput in = state.input();
        TableMapping mapping = TableMappingParser.parse(in.tableMappingTree(), "dms.tableMappings");
        List<TableName> tables = mapping.selected(catalog.tables(state.sourceConnection()).stream().map(t -> t.name()).toList());
        Map<String, TableStatistic> dms = dmsStatistics(in);

        ValidationSettings settings = ValidationSettings.defaults().withConcurrency(in.validation().concurrency())
                .withMaxKeysListed(in.validation().maxKeysListed()).withTimeZoneRule(in.validation().timeZoneRule())
                .withMode(last ? ValidationSettings.Mode.FINAL : ValidationSettings.Mode.CDC); // frozen: no re-check waits
        List<TableResult> results;
        try (Validation validation = new Validation(checksums, state.sourceConnection(), checksums, state.targetConnection(),
                settings, pause)) {
            results = validation.validate(tables.stream().map(t -> TableComparison.mapped(mapping, t)).toList());
        }
        List<MigrationState.TableCheck> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long dmsFailures = 0;
        for (TableResult r : results) {
            TableStatistic s = dms.get(r.target().schema() + "." + r.target().table());
            if (s == null) s = dms.get(r.source().schema() + "." + r.source().table());
            long failed = s == null || s.validationFailed() == null ? 0 : s.validationFailed();
            String dmsState = s == null ? null : s.validationState();
            dmsFailures += failed;
            checks.add(new MigrationState.TableCheck(r.source().toString(), dmsState, failed, r.status().name(), r.describe()));
            boolean own = GOOD.contains(r.status()) || (!last && r.status() == TableResult.Status.UNSETTLED);
            if (!own) problems.add(r.describe());
            if (failed > 0 || DMS_MISMATCHED.equals(dmsState)) {
                problems.add(r.source() + ": DMS validation " + dmsState + " (" + failed + " failed record(s); see the task's"
                        + " awsdms_validation_failures_v1 table on the target)");
            }
        }
        if (!problems.isEmpty()) {
            throw new StepFailed((last ? "final validation" : "validation") + ": " + problems.size()
                    + " table(s) differ: " + String.join("; ", problems));
        }
        return new MigrationState.DataValidation(true, checks, dmsFailures,
                Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
    }

    private Map<String, TableStatistic> dmsStatistics(MigrateInput in) {
        TaskDescription task = replication.findTaskByIdentifier(in.taskIdentifier())
                .orElseThrow(() -> new StepFailed("migration task " + in.taskIdentifier() + " does not exist"));
        return replication.tableStatistics(task.arn()).stream()
                .collect(Collectors.toMap(s -> s.schema() + "." + s.table(), Function.identity(), (a, b) -> a));
    }
}
