package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.replication.Replication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Has the full load finished? DMS sends no event for it, so the state machine polls this:
 * DescribeReplicationTasks (progress and table counts) and DescribeTableStatistics (each table's
 * state, rows and validation state), written to the run item for the status view. A failed or
 * stopped task, a table in error, or a load longer than {@code limits.fullLoadTimeoutSeconds}
 * ends the run.
 */
public record FullLoadProgress(Replication replication, RunStore runs, Clock clock) {
    /** Run item resources: the load's summary and its tables ("schema.table=state rows", ...). */
    public static final String PROGRESS = "fullLoadProgress";
    public static final String TABLES = "fullLoadTables";
    /** A run item attribute stays well under DynamoDB's 400 KB item limit. */
    static final int MAX_TABLES_TEXT = 16_000;

    public MigrationState.FullLoad check(MigrationState state) {
        MigrateInput in = state.input();
        Instant now = clock.instant();
        MigrationState.FullLoad before = state.load();
        Instant first = before == null ? now : before.firstCheckedAt();
        int checks = before == null ? 1 : before.checks() + 1;

        TaskDescription task = replication.findTaskByIdentifier(in.taskIdentifier())
                .orElseThrow(() -> new StepFailed("migration task " + in.taskIdentifier() + " does not exist"));
        if (task.isFailed() || task.isStopped()) {
            throw new StepFailed("migration task " + task.identifier() + " is " + task.status() + " during the full load: "
                    + (task.lastFailureMessage() != null && !task.lastFailureMessage().isBlank()
                    ? task.lastFailureMessage() : task.stopReason()));
        }
        List<TableStatistic> statistics = replication.tableStatistics(task.arn());
        List<MigrationState.TableProgress> tables = statistics.stream()
                .map(t -> new MigrationState.TableProgress(t.schema(), t.table(), t.state(), t.rows(), t.validationState()))
                .toList();
        List<String> errored = tables.stream().filter(t -> "Table error".equals(t.state()))
                .map(t -> t.schema() + "." + t.table()).toList();
        TaskDescription.TableCounts counts = task.tables() == null
                ? new TaskDescription.TableCounts(0, 0, 0, 0) : task.tables();
        if (!errored.isEmpty() || counts.errored() > 0) {
            throw new StepFailed("full load: " + Math.max(errored.size(), counts.errored()) + " table(s) in error"
                    + (errored.isEmpty() ? "" : ": " + String.join(", ", errored))
                    + " (DescribeTableStatistics; the task's log names the cause)");
        }
        boolean finished = task.isRunning() && task.isFullLoadFinished();
        record(state.runId(), task, counts, tables);
        long waited = Duration.between(first, now).toSeconds();
        if (!finished && waited >= in.limits().fullLoadTimeoutSeconds()) {
            throw new StepFailed("full load not finished after " + waited + " s (limit " + in.limits().fullLoadTimeoutSeconds()
                    + " s): " + task.fullLoadProgressPercent() + "%, " + counts.loading() + " table(s) loading, "
                    + counts.queued() + " queued");
        }
        return new MigrationState.FullLoad(finished, task.fullLoadProgressPercent(), counts.loaded(), counts.loading(),
                counts.queued(), counts.errored(), tables, checks, first);
    }

    private void record(String runId, TaskDescription task, TaskDescription.TableCounts counts,
                        List<MigrationState.TableProgress> tables) {
        String text = tables.stream().map(t -> t.schema() + "." + t.table() + "=" + t.state()
                        + (t.rows() == null ? "" : " " + t.rows() + " rows"))
                .collect(Collectors.joining(", "));
        runs.recordResources(runId, Map.of(
                PROGRESS, (task.fullLoadProgressPercent() == null ? "?" : task.fullLoadProgressPercent())
                        + "% loaded " + counts.loaded() + " loading " + counts.loading() + " queued " + counts.queued(),
                TABLES, text.length() <= MAX_TABLES_TEXT ? text
                        : text.substring(0, MAX_TABLES_TEXT) + " ... (" + tables.size() + " tables)"));
    }
}
