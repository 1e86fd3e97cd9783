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
     * @param role      the DMS apply user's session_replication_role change (null: not set yet, or set through
     *                  the parameter group)
     * @param heldBack  the secondary objects held back (empty unless holdBackConstraints)
     * @param parameter session_replication_role set through the target's parameter group (replicationRoleRoute
     *                  parameterGroup; null otherwise), watched by CheckTargetParameter until in effect
     */
    public record Preparation(io.cutover.migrate.preparation.RoleSetting role,
                              List<io.cutover.migrate.preparation.HeldBackObject> heldBack, int dropped,
                              ParameterChange parameter) {
        public Preparation {
            heldBack = heldBack == null ? List.of() : List.copyOf(heldBack);
        }

        /** The role route (or nothing set yet). */
        public Preparation(io.cutover.migrate.preparation.RoleSetting role,
                           List<io.cutover.migrate.preparation.HeldBackObject> heldBack, int dropped) {
            this(role, heldBack, dropped, null);
        }

        public Preparation withParameter(ParameterChange p) {
            return new Preparation(role, heldBack, dropped, p);
        }
    }

    /**
     * session_replication_role set by the run in the target's parameter group, and whether it is in
     * effect: seen by a new session on the target, with no database- or apply-user-level setting
     * hiding it. Never assumed from the API call alone.
     *
     * @param group       the DB parameter group (RDS instance) or DB cluster parameter group (Aurora)
     * @param instanceId  the instance (or cluster writer) whose sessions must show the value, rebooted for pending-reboot
     * @param previous    the group's own value before the run (null: the engine default, origin)
     * @param value       what the run set
     * @param applyMethod immediate (RDS instance) or pending-reboot (Aurora cluster, applied by rebooting the writer)
     * @param rebootedAt  when the run rebooted the writer (pending-reboot); null before
     * @param seen        what a new session on the target showed at the last check (null: not checked or not reachable)
     * @param rdsStatus   what RDS said of the group on the instance at the last check while waiting: its
     *                    ParameterApplyStatus (RDS instance) or the writer's DBClusterParameterGroupStatus (Aurora) -
     *                    in-sync, applying, pending-reboot; null: not asked or not reported
     */
    public record ParameterChange(String group, boolean cluster, String instanceId, String previous, String value,
                                  String applyMethod, Instant requestedAt, Instant rebootedAt, String seen,
                                  boolean inEffect, int checks, String rdsStatus) {

        public ParameterChange(String group, boolean cluster, String instanceId, String previous, String value,
                               String applyMethod, Instant requestedAt, Instant rebootedAt, String seen, boolean inEffect, int checks) {
            this(group, cluster, instanceId, previous, value, applyMethod, requestedAt, rebootedAt, seen, inEffect, checks, null);
        }

        /** After one more check: what a new session showed, whether it is in effect, when the writer was rebooted, RDS's status. */
        public ParameterChange checked(Instant rebootedAt, String seen, boolean inEffect, String rdsStatus) {
            return new ParameterChange(group, cluster, instanceId, previous, value, applyMethod, requestedAt, rebootedAt, seen,
                    inEffect, checks + 1, rdsStatus);
        }
    }

    /** Section {@code task}: the full-load-and-cdc task. @param created this run created it */
    public record MigrationTask(String taskArn, String identifier, String status, boolean created) {
    }

    /**
     * Section {@code restored}: the held-back objects recreated after the load, each with its time.
     *
     * @param complete every held-back object recreated (false: the step is called again for the rest)
     * @param calls    Lambda calls the restore took
     */
    public record Restored(List<RestoredObject> objects, double seconds, boolean complete, int calls) {
        public Restored {
            objects = objects == null ? List.of() : List.copyOf(objects);
        }
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
     * Section {@code preflight}: every check passed; what was checked and the warnings. While the
     * LOB scan goes on over several calls ({@code complete} false), what the calls so far found.
     *
     * @param tables           the selected source tables, each paired with its target table
     * @param complete         every check done (false: the step is called again to scan more LOB tables)
     * @param lobTables        selected tables with LOB columns (scanned when the task has a LobMaxSize)
     * @param lobTablesScanned of those, scanned so far (in the catalog's order)
     * @param blockers         problems found so far, named in one failure once the scan is over (empty once complete)
     * @param calls            Lambda calls the preflight took
     */
    public record Preflight(int tables, List<String> warnings, boolean complete, int lobTables, int lobTablesScanned,
                            List<String> blockers, int calls) {
        public Preflight {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            blockers = blockers == null ? List.of() : List.copyOf(blockers);
        }
    }

    /**
     * Sections {@code validation} (while CDC runs) and {@code finalValidation} (inside the freeze,
     * after the drain): DMS's own verdict per table and the product's own. A pass that takes several
     * Lambda calls keeps here what the calls so far found: the state machine calls the step again
     * until {@code complete}.
     *
     * @param ok         complete and every table passed
     * @param tables     the tables done so far (all of them once complete)
     * @param seconds    time spent over all calls
     * @param complete   every table done (false: the step is called again)
     * @param calls      Lambda calls the pass took
     * @param table      the table a call stopped inside (null: between tables, or complete)
     * @param checkpoint where in that table the next call goes on (bounded; no chunk's checksum is kept)
     */
    public record DataValidation(boolean ok, List<TableCheck> tables, long dmsFailures, double seconds, boolean complete,
                                 int calls, String table, io.cutover.migrate.validation.TableCheckpoint checkpoint) {
        public DataValidation {
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
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

    /**
     * Section {@code roleRestored}: the apply user's session_replication_role as before the run.
     *
     * @param parameter the target's parameter group set back (parameterGroup route; null otherwise), watched by
     *                  CheckTargetParameterRestored until in effect
     */
    public record RoleRestored(String role, String note, ParameterChange parameter) {
        /** The role route. */
        public RoleRestored(String role, String note) {
            this(role, note, null);
        }
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
