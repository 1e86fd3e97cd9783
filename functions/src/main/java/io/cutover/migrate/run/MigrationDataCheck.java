package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.migrate.TableName;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.validation.Pause;
import io.cutover.migrate.validation.TableCheckpoint;
import io.cutover.migrate.validation.TablePass;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.migrate.validation.TableComparison;
import io.cutover.migrate.validation.TableResult;
import io.cutover.migrate.validation.Validation;
import io.cutover.migrate.validation.ValidationSettings;
import io.cutover.replication.Replication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.runbook.CallBudget;

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
 * must be equal). A difference names the table and its keys and ends the run. A pass longer than
 * one Lambda call goes on over several ({@link CallBudget}): the section says where it stopped.
 */
public record MigrationDataCheck(MigrationCatalog catalog, TableChecksums checksums, Replication replication, Pause pause,
                                 ValidationSettings base) {
    private static final Set<TableResult.Status> GOOD = EnumSet.of(TableResult.Status.EQUAL,
            TableResult.Status.EQUAL_IN_COMPARED_COLUMNS, TableResult.Status.NOT_VALIDATED);
    private static final String DMS_MISMATCHED = "Mismatched records";

    /** With the default chunking ({@link ValidationSettings#defaults()}); the input sets concurrency, keys listed, time zone rule. */
    public MigrationDataCheck(MigrationCatalog catalog, TableChecksums checksums, Replication replication, Pause pause) {
        this(catalog, checksums, replication, pause, ValidationSettings.defaults());
    }

    /** While CDC flows, in one go (tools and tests): a table whose ranges kept changing is left to the final pass. */
    public MigrationState.DataValidation validate(MigrationState state) {
        return validate(state, CallBudget.unlimited());
    }

    /** While CDC flows, within one call's budget: not complete means the state machine calls again. */
    public MigrationState.DataValidation validate(MigrationState state, CallBudget budget) {
        return check(state, state.validation(), false, budget);
    }

    /** Inside the freeze, after the drain, in one go: nothing changes now, so every table must be equal. */
    public MigrationState.DataValidation finalValidation(MigrationState state) {
        return finalValidation(state, CallBudget.unlimited());
    }

    /** Inside the freeze, within one call's budget; the next call follows at once (no wait in the freeze). */
    public MigrationState.DataValidation finalValidation(MigrationState state, CallBudget budget) {
        return check(state, state.finalValidation(), true, budget);
    }

    /**
     * One call's part of a pass over every selected table: the tables an earlier call finished are
     * kept, the one it stopped in goes on from its checkpoint, and further tables start while the
     * budget lasts (at least one unit of work a call). The verdict comes when every table is done,
     * over all of them, as a single call would give it.
     */
    private MigrationState.DataValidation check(MigrationState state, MigrationState.DataValidation before, boolean last,
                                                CallBudget budget) {
        long started = System.nanoTime();
        MigrationState.DataValidation earlier = before == null || before.complete() ? null : before;
        MigrateInput in = state.input();
        TableMapping mapping = TableMappingParser.parse(in.tableMappingTree(), "dms.tableMappings");
        List<TableName> tables = mapping.selected(catalog.tables(state.sourceConnection()).stream().map(t -> t.name()).toList());
        Map<String, TableStatistic> dms = dmsStatistics(in);

        ValidationSettings settings = base.withConcurrency(in.validation().concurrency())
                .withMaxKeysListed(in.validation().maxKeysListed()).withTimeZoneRule(in.validation().timeZoneRule())
                .withMode(last ? ValidationSettings.Mode.FINAL : ValidationSettings.Mode.CDC); // frozen: no re-check waits
        List<MigrationState.TableCheck> checks = new ArrayList<>(earlier == null ? List.of() : earlier.tables());
        Set<String> done = checks.stream().map(MigrationState.TableCheck::table).collect(Collectors.toSet());
        String pausedIn = null;
        TableCheckpoint paused = null;
        boolean more = false;
        try (Validation validation = new Validation(checksums, state.sourceConnection(), checksums, state.targetConnection(),
                settings, pause)) {
            boolean worked = false;
            for (TableName t : tables) {
                if (done.contains(t.toString())) continue;
                if (worked && budget.spent()) {
                    more = true;
                    break;
                }
                TableCheckpoint from = earlier != null && t.toString().equals(earlier.table()) ? earlier.checkpoint() : null;
                TablePass pass = validation.validate(TableComparison.mapped(mapping, t), from, budget);
                worked = true;
                if (!pass.done()) {
                    more = true;
                    pausedIn = t.toString();
                    paused = pass.checkpoint();
                    break;
                }
                checks.add(tableCheck(pass.result(), dms));
            }
        }
        double seconds = (earlier == null ? 0 : earlier.seconds()) + Math.round((System.nanoTime() - started) / 1e6) / 1000.0;
        int calls = (earlier == null ? 0 : earlier.calls()) + 1;
        long dmsFailures = checks.stream().mapToLong(MigrationState.TableCheck::dmsFailed).sum();
        if (more) return new MigrationState.DataValidation(false, checks, dmsFailures, seconds, false, calls, pausedIn, paused);

        List<String> problems = new ArrayList<>();
        for (MigrationState.TableCheck c : checks) {
            TableResult.Status own = TableResult.Status.valueOf(c.status());
            if (!GOOD.contains(own) && (last || own != TableResult.Status.UNSETTLED)) problems.add(c.detail());
            if (c.dmsFailed() > 0 || DMS_MISMATCHED.equals(c.dmsValidationState())) {
                problems.add(c.table() + ": DMS validation " + c.dmsValidationState() + " (" + c.dmsFailed()
                        + " failed record(s); see the task's awsdms_validation_failures_v1 table on the target)");
            }
        }
        if (!problems.isEmpty()) {
            throw new StepFailed((last ? "final validation" : "validation") + ": " + problems.size()
                    + " table(s) differ: " + String.join("; ", problems));
        }
        return new MigrationState.DataValidation(true, checks, dmsFailures, seconds, true, calls, null, null);
    }

    /** DMS's verdict on the table (under its target name, else its source name) beside the product's. */
    private static MigrationState.TableCheck tableCheck(TableResult r, Map<String, TableStatistic> dms) {
        TableStatistic s = dms.get(r.target().schema() + "." + r.target().table());
        if (s == null) s = dms.get(r.source().schema() + "." + r.source().table());
        long failed = s == null || s.validationFailed() == null ? 0 : s.validationFailed();
        return new MigrationState.TableCheck(r.source().toString(), s == null ? null : s.validationState(), failed,
                r.status().name(), r.describe());
    }

    private Map<String, TableStatistic> dmsStatistics(MigrateInput in) {
        TaskDescription task = replication.findTaskByIdentifier(in.taskIdentifier())
                .orElseThrow(() -> new StepFailed("migration task " + in.taskIdentifier() + " does not exist"));
        return replication.tableStatistics(task.arn()).stream()
                .collect(Collectors.toMap(s -> s.schema() + "." + s.table(), Function.identity(), (a, b) -> a));
    }
}
