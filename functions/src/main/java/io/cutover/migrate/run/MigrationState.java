package io.cutover.migrate.run;

import io.cutover.input.MigrateInput;
import io.cutover.input.MigrationDatabase;
import io.cutover.probe.DbConnection;
import io.cutover.runbook.Awaited;
import io.cutover.runbook.ExecutionState;
import io.cutover.runbook.Freeze;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.Routing;
import io.cutover.runbook.RunStarted;
import io.cutover.runbook.RunSubject;
import io.cutover.runbook.StepError;
import io.cutover.runbook.Thaw;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The execution state of a migration ($ in statemachines/migrate.asl.json): the validated input
 * plus one section per step that has run. {@code awaited} and {@code error} are written by the
 * state machine.
 */
public record MigrationState(
        String runId,
        MigrateInput input,
        RunStarted run,
        Databases databases,
        Preparation preparation,
        MigrationTask task,
        FullLoad load,
        Restored restored,
        Snapshot snapshot,
        Latency latency,
        Preflight preflight,
        DataValidation validation,
        DataValidation finalValidation,
        SyncTargetSequences.Sequences sequences,
        Drained drain,
        RoleRestored roleRestored,
        TargetWrites verify,
        TaskStopped stopped,
        Result result,
        Freeze freeze,
        Routing routing,
        Thaw thaw,
        Awaited awaited,
        StepError error,
        RolledBack rollback,
        S3Copy s3,
        StepError s3Error,
        TwoWayDoor twoWayDoor) implements ExecutionState {

    /**
     * Where the two databases answer, read from RDS (the instance's endpoint or the cluster's
     * writer endpoint), and the instance a cluster's parameter change would reboot.
     */
    public record Databases(Endpoint source, Endpoint target) {
    }

    /** @param writerInstanceId the instance itself, or the cluster's writer */
    public record Endpoint(String host, int port, String writerInstanceId, String parameterGroup) {
    }

    /**
     * Section {@code preparation}: what the run changed on the target for the load, recorded
     * before it is changed so a rollback can undo it.
     *
     * @param role     the DMS apply user's session_replication_role change (null: not set yet)
     * @param heldBack the secondary objects held back (empty unless holdBackConstraints)
     */
    public record Preparation(io.cutover.migrate.preparation.RoleSetting role,
                              List<io.cutover.migrate.preparation.HeldBackObject> heldBack, int dropped) {
        public Preparation {
            heldBack = heldBack == null ? List.of() : List.copyOf(heldBack);
        }
    }

    /** Section {@code task}: the full-load-and-cdc task. @param created this run created it */
    public record MigrationTask(String taskArn, String identifier, String status, boolean created) {
    }

    /** Section {@code restored}: the held-back objects recreated after the load, each with its time. */
    public record Restored(List<RestoredObject> objects, double seconds) {
    }

    public record RestoredObject(String object, List<String> statements, double seconds) {
    }

    /**
     * Section {@code load}: the full load as DMS reports it, per table.
     *
     * @param finished every table loaded (the task is in CDC from then on)
     */
    public record FullLoad(boolean finished, Integer percent, int tablesLoaded, int tablesLoading, int tablesQueued,
                           int tablesErrored, List<TableProgress> tables, int checks, Instant firstCheckedAt) {
    }

    /** One table of the load: DMS's state, rows loaded, validation state. */
    public record TableProgress(String schema, String table, String state, Long rows, String validationState) {
    }

    /** Section {@code snapshot}: the source's manual snapshot before the cutover. */
    public record Snapshot(String snapshotId, boolean cluster, String status, Integer percent, boolean available,
                           Instant requestedAt) {
    }

    /**
     * Section {@code latency}: the CDC latency gate.
     *
     * @param consecutive reads under the limit in a row (the gate opens at {@code limits.latencyReads})
     */
    public record Latency(boolean ok, int consecutive, Double sourceSeconds, Double targetSeconds,
                          Double sentinelSeconds, int checks, Instant firstCheckedAt) {
    }

    /**
     * Section {@code preflight}: every check passed; what was checked and the warnings.
     *
     * @param tables the selected source tables, each paired with its target table
     */
    public record Preflight(int tables, List<String> warnings) {
    }

    /**
     * Sections {@code validation} (while CDC runs) and {@code finalValidation} (inside the freeze,
     * after the drain): DMS's own verdict per table and the product's own.
     */
    public record DataValidation(boolean ok, List<TableCheck> tables, long dmsFailures, double seconds) {
    }

    /**
     * One table of a validation.
     *
     * @param dmsValidationState DMS's ValidationState from DescribeTableStatistics (null: not reported)
     * @param status             the product's own verdict ({@code TableResult.Status})
     * @param detail             counts, differing key ranges and keys, as the product's validation describes them
     */
    public record TableCheck(String table, String dmsValidationState, long dmsFailed, String status, String detail) {
    }

    /** Section {@code drain}: the drain sentinel written on the source, seen on the target. */
    public record Drained(String sentinelId, double seconds) {
    }

    /** Section {@code roleRestored}: the apply user's session_replication_role as before the run. */
    public record RoleRestored(String role, String note) {
    }

    /** Section {@code verify}: a write on the target after the thaw (the target takes writes, role origin). */
    public record TargetWrites(String sentinelId, double seconds) {
    }

    /** Section {@code stopped}: the migration task stopped after the cutover. */
    public record TaskStopped(String taskArn, String status) {
    }

    /**
     * Section {@code s3}: the S3 copy beside the database ({@code input.s3Target}); {@code s3Error}
     * is what a Catch of one of its steps wrote. Its failures are recorded, never rolled back.
     *
     * @param status        where the copy is: TESTING, CONNECTED, TASK_CREATED, STARTED, CHECKED, FAILED (OUTPUT_FAILED: at the output check), STOPPED, REMOVED
     * @param failure       what failed (status FAILED), or what a clean-up left
     * @param outputMatches every table's full-load rows in S3 equal the source's at the load's start (null: not checked)
     * @param output        per table, what the output check found
     */
    public record S3Copy(String endpointArn, String taskArn, String status, String failure, Boolean outputMatches,
                         List<String> output) {
        public S3Copy {
            output = output == null ? List.of() : List.copyOf(output);
        }
    }

    /**
     * Section {@code twoWayDoor} (afterCutover twoWayDoor): the backward task target -> source,
     * as the switchover runbook's steps set it up, and its flow verified after the thaw.
     */
    public record TwoWayDoor(io.cutover.switchover.SwitchoverState.BackwardTask task,
                             io.cutover.switchover.SwitchoverState.Verify verify) {
    }

    /**
     * Section {@code result}: what a successful migration leaves, the state machine's output.
     *
     * @param failbackInput afterCutover twoWayDoor: the switchover start input of the failback (B_TO_A)
     */
    public record Result(String status, String activeSite, String target, String task, String snapshot,
                         String backwardTask, Map<String, Object> failbackInput) {
    }

    /** The result of this migration, once every step has succeeded. */
    public Result succeeded() {
        boolean door = input.twoWayDoor() != null;
        return new Result("SUCCEEDED", input.target().site(), input.target().label(), input.taskIdentifier(),
                snapshot == null ? null : snapshot.snapshotId(), door ? input.twoWayDoor().backwardTaskIdentifier() : null,
                door ? TwoWayDoorHandover.failbackInput(this) : null);
    }

    @Override
    public String lockId() {
        return input.lockId();
    }

    @Override
    public RunSubject subject() {
        return new RunSubject("migrate", input.source().label(), input.target().label(),
                input.engine().name().toLowerCase(java.util.Locale.ROOT),
                Map.of("task", input.taskIdentifier()));
    }

    public DbConnection sourceConnection() {
        return connection(input.sourceEngine(), input.source(), databases.source());
    }

    public DbConnection targetConnection() {
        return connection(input.engine(), input.target(), databases.target());
    }

    private DbConnection connection(io.cutover.instance.Engine engine, MigrationDatabase db, Endpoint at) {
        if (at == null) throw new IllegalStateException("databases not located yet (Preflight locates them)");
        return new DbConnection(engine, at.host(), at.port(), db.database(), db.secretArn());
    }
}
