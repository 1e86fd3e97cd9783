package io.cutover.migrate.run;

import io.cutover.dms.TaskSettings;
import io.cutover.failure.LambdaErrorCause;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.migrate.s3.S3Objects;
import io.cutover.migrate.s3.S3OutputCheck;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.Replication;
import io.cutover.replication.S3EndpointSpec;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;
import io.cutover.runbook.DmsTaskSetup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The S3 copy beside the database ({@code input.s3Target}): an S3 target endpoint and its own
 * full-load-and-cdc task from the run's source endpoint with the same table mappings, its output
 * checked once the full load is over, the task stopped before the run ends. Off the cutover's
 * critical path: the state machine catches each of these steps' failures into {@link #failed},
 * which records them in the run item, and the database's run goes on.
 *
 * <p>What the run created is recorded in the run item ({@link #ENDPOINT}, {@code s3TaskArn}) before
 * anything else is done with it, so {@link #stop} and {@link #remove} work from the run item even
 * when the execution state lost the section (a failed step returns none).
 */
public final class S3TargetCopy {
    public static final DmsTaskSetup.Task TASK = new DmsTaskSetup.Task("S3 task", "s3Task");
    /** Run item resources: the endpoint the run created, the copy's status, the output check's verdict. */
    public static final String ENDPOINT = "s3EndpointArn";
    public static final String COPY = "s3Copy";
    public static final String OUTPUT = "s3Output";

    private final Replication replication;
    private final DmsTaskSetup setup;
    private final RunStore runs;
    private final S3Objects objects;
    private final Clock clock;

    public S3TargetCopy(Replication replication, RunStore runs, S3Objects objects, Clock clock) {
        this.replication = replication;
        this.setup = new DmsTaskSetup(replication, runs, clock);
        this.runs = runs;
        this.objects = objects;
        this.clock = clock;
    }

    public static S3TargetCopy of(MigrationPorts ports) {
        return new S3TargetCopy(ports.core().replication(), ports.core().runs(), ports.s3(), ports.core().clock());
    }

    /** CreateEndpoint (engine s3, tagged with the run) once, then a connection test from the replication instance. */
    public MigrationState.S3Copy createEndpoint(MigrationState state) {
        MigrateInput in = state.input();
        S3EndpointSpec spec = endpoint(state);
        String arn = replication.findEndpointByIdentifier(spec.identifier()).map(e -> e.arn())
                .orElseGet(() -> replication.createS3Endpoint(spec));
        runs.recordResource(state.runId(), ENDPOINT, arn);
        replication.testConnection(in.replicationInstanceArn(), arn);
        return status(state.runId(), new MigrationState.S3Copy(arn, null, "TESTING", null, null, null));
    }

    /** The connection test's result: DMS can write to the bucket with the service access role. */
    public MigrationState.S3Copy checkConnection(MigrationState state) {
        MigrationState.S3Copy copy = state.s3();
        Optional<ConnectionStatus> status = replication.connectionStatus(state.input().replicationInstanceArn(), copy.endpointArn());
        if (status.isEmpty() || "testing".equals(status.get().status())) {
            throw new NotReadyYet("S3 endpoint connection test still running");
        }
        if (!"successful".equals(status.get().status())) {
            throw new StepFailed("S3 endpoint " + endpoint(state).identifier() + " connection test " + status.get().status()
                    + ": " + status.get().message() + " (the bucket, and the service access role's trust and policy)");
        }
        return status(state.runId(), with(copy, copy.taskArn(), "CONNECTED"));
    }

    /** The S3 task once: the run's source endpoint, the same table mappings, the s3 template's settings. */
    public MigrationState.S3Copy createTask(MigrationState state) {
        MigrateInput in = state.input();
        MigrationState.S3Copy copy = state.s3();
        String id = in.s3Target().taskIdentifier();
        TaskDescription t = setup.find(state.runId(), TASK, id).orElseGet(() -> setup.create(state.runId(), TASK,
                new TaskSpec(id, in.replicationInstanceArn(), in.source().endpointArn(), copy.endpointArn(), "full-load-and-cdc",
                        TaskSettings.mappings(in), TaskSettings.forS3Copy(in), null, state.runId())));
        return status(state.runId(), with(copy, t.arn(), "TASK_CREATED"));
    }

    /** StartReplicationTask once (the load begins now, CDC follows it); retried while the task is creating. */
    public MigrationState.S3Copy startTask(MigrationState state) {
        MigrationState.S3Copy copy = state.s3();
        setup.start(state.runId(), TASK, copy.taskArn(), null);
        return status(state.runId(), with(copy, copy.taskArn(), "STARTED"));
    }

    /**
     * Once the S3 task's full load is over: every table's files against the rows the source had
     * when the task loaded it (DescribeTableStatistics' FullLoadRows: DMS reads each table once, at
     * its load). Polled (NotReadyYet) while the load runs, up to {@code limits.fullLoadTimeoutSeconds}
     * from the task's start. A mismatch is the copy's result, not the run's failure.
     */
    public MigrationState.S3Copy checkOutput(MigrationState state) {
        MigrateInput in = state.input();
        MigrationState.S3Copy copy = state.s3();
        TaskDescription task = replication.describeTask(copy.taskArn())
                .orElseThrow(() -> new StepFailed("S3 task " + copy.taskArn() + " does not exist"));
        if (task.isFailed() || task.isStopped()) {
            throw new StepFailed("S3 task " + task.identifier() + " is " + task.status() + ": "
                    + (task.lastFailureMessage() != null ? task.lastFailureMessage() : task.stopReason()));
        }
        if (!(task.isRunning() && task.isFullLoadFinished())) {
            String started = resources(state.runId()).get(TASK.startResource());
            long waited = started == null ? 0 : Duration.between(Instant.parse(started), clock.instant()).toSeconds();
            if (waited >= in.limits().fullLoadTimeoutSeconds()) {
                throw new StepFailed("S3 task " + task.identifier() + " full load not finished after " + waited + " s ("
                        + task.fullLoadProgressPercent() + "%)");
            }
            throw new NotReadyYet("S3 task " + task.identifier() + " full load " + task.fullLoadProgressPercent() + "%");
        }
        TableMapping mapping = TableMappingParser.parse(in.tableMappingTree(), "dms.tableMappings");
        Map<TableName, Long> expected = new TreeMap<>();
        for (TableStatistic t : replication.tableStatistics(task.arn())) {
            expected.put(mapping.targetTable(TableName.of(t.schema(), t.table())), t.rows() == null ? 0 : t.rows());
        }
        S3OutputCheck.Report report = new S3OutputCheck(objects).check(endpoint(state), expected);
        List<String> tables = report.tables().stream().map(S3OutputCheck.TableOutput::describe).toList();
        runs.recordResource(state.runId(), OUTPUT, (report.matches() ? "MATCH " : "MISMATCH ") + tables.size()
                + " table(s): " + String.join("; ", tables));
        return status(state.runId(), new MigrationState.S3Copy(copy.endpointArn(), copy.taskArn(), "CHECKED", null,
                report.matches(), tables));
    }

    /**
     * What a caught S3 step failed with, in the run item; the database's run goes on. Status
     * OUTPUT_FAILED once the database's full load is over (the output check, after the cutover), FAILED before.
     */
    public MigrationState.S3Copy failed(MigrationState state) {
        Map<String, String> r = resources(state.runId());
        String cause = state.s3Error() == null ? "unknown failure"
                : LambdaErrorCause.shortName(state.s3Error().error()) + ": " + LambdaErrorCause.message(state.s3Error().cause());
        // The state machine goes back by this: to stopping the S3 task (the output check) or before the full-load check.
        boolean afterLoad = state.load() != null && state.load().finished();
        return status(state.runId(), new MigrationState.S3Copy(r.get(ENDPOINT), r.get(TASK.arnResource()),
                afterLoad ? "OUTPUT_FAILED" : "FAILED", cause, null, state.s3() == null ? null : state.s3().output()));
    }

    /** Before the run completes: the S3 task stopped and waited for (none: nothing to do). */
    public MigrationState.S3Copy stop(MigrationState state) {
        Map<String, String> r = resources(state.runId());
        String taskArn = r.get(TASK.arnResource());
        if (taskArn == null) return state.s3();
        Optional<TaskDescription> task = replication.describeTask(taskArn);
        if (task.isPresent()) stopAndWait(task.get());
        MigrationState.S3Copy before = state.s3();
        return status(state.runId(), new MigrationState.S3Copy(r.get(ENDPOINT), taskArn, "STOPPED",
                before == null ? null : before.failure(), before == null ? null : before.outputMatches(),
                before == null ? null : before.output()));
    }

    /**
     * After a rollback: the S3 task stopped, deleted, then the S3 endpoint deleted - only what this
     * run created (the run item's resources). Polled (NotReadyYet) through stopping and deleting.
     */
    public MigrationState.S3Copy remove(MigrationState state) {
        Map<String, String> r = resources(state.runId());
        String taskArn = r.get(TASK.arnResource());
        String endpointArn = r.get(ENDPOINT);
        if (taskArn == null && endpointArn == null) return null;
        if (taskArn != null) {
            Optional<TaskDescription> task = replication.describeTask(taskArn);
            if (task.isPresent()) {
                stopAndWait(task.get());
                if (!"deleting".equals(task.get().status())) replication.deleteTask(taskArn);
                throw new NotReadyYet("S3 task " + task.get().identifier() + " deleting");
            }
        }
        if (endpointArn != null) replication.deleteEndpoint(endpointArn);
        return status(state.runId(), new MigrationState.S3Copy(endpointArn, taskArn, "REMOVED", null, null, null));
    }

    /** Returns once the task is not running; otherwise asks to be called again. */
    private void stopAndWait(TaskDescription task) {
        switch (task.status()) {
            case "running" -> {
                replication.stopTask(task.arn());
                throw new NotReadyYet("S3 task " + task.identifier() + " stopping");
            }
            case "starting", "stopping", "creating", "modifying" ->
                    throw new NotReadyYet("S3 task " + task.identifier() + " is " + task.status());
            default -> {
            }
        }
    }

    /** The endpoint as the input gives it, tagged with this run. */
    private static S3EndpointSpec endpoint(MigrationState state) {
        S3EndpointSpec s = state.input().s3Target().endpoint();
        return new S3EndpointSpec(s.identifier(), s.bucketName(), s.bucketFolder(), s.dataFormat(), s.cdcPath(),
                s.preserveTransactions(), s.timestampColumnName(), s.encryptionMode(), s.kmsKeyArn(), s.serviceAccessRoleArn(),
                s.includeOpForFullLoad(), s.expectedBucketOwner(), state.runId());
    }

    private Map<String, String> resources(String runId) {
        return runs.run(runId).map(RunRecord::resources).orElse(Map.of());
    }

    private static MigrationState.S3Copy with(MigrationState.S3Copy c, String taskArn, String status) {
        return new MigrationState.S3Copy(c.endpointArn(), taskArn, status, c.failure(), c.outputMatches(), c.output());
    }

    private MigrationState.S3Copy status(String runId, MigrationState.S3Copy copy) {
        runs.recordResource(runId, COPY, copy.status() + (copy.failure() == null ? "" : ": " + copy.failure()));
        return copy;
    }
}
