package io.cutover.promote;

import io.cutover.input.PromoteReplicaInput;
import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.runbook.Awaited;
import io.cutover.runbook.ExecutionState;
import io.cutover.runbook.Freeze;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RunStarted;
import io.cutover.runbook.RunSubject;
import io.cutover.runbook.StepError;
import io.cutover.runbook.Thaw;

import java.time.Instant;
import java.util.Map;

/**
 * The execution state every promote-replica step receives ($ in the state machine): the
 * validated input plus one section per step that has run. Each step returns the state with its
 * own section set; {@code awaited} and {@code error} are written by the state machine itself.
 */
public record RunState(
        String runId,
        PromoteReplicaInput input,
        RunStarted run,
        Instances instances,
        LagCheck lag,
        Freeze freeze,
        SyncCheck sync,
        CapturedPosition position,
        Promotion promotion,
        Awaited awaited,
        SourceEndpoint sourceEndpoint,
        Target target,
        ConnectionCheck connection,
        CdcTask task,
        Thaw thaw,
        Result result,
        StepError error,
        RolledBack rollback) implements ExecutionState {

    /**
     * Host and port of source and replica, as RDS describes them, and the backup retention the
     * promotion will set.
     */
    public record Instances(Address source, Address replica, BackupRetention promotedBackupRetention) {
        public Instances(Address source, Address replica) {
            this(source, replica, null);
        }
    }

    /**
     * PromoteReadReplica's BackupRetentionPeriod (its default is 1 day, so it is always sent).
     *
     * @param from where the value comes from: the input, or the source's own retention
     */
    public record BackupRetention(int days, String from) {
    }

    public record Address(String host, int port) {
    }

    public record LagCheck(boolean ok, double seconds, long distance, String sourcePosition,
                           String replicaPosition, int checks, Instant firstCheckedAt) {
    }

    public record SyncCheck(boolean inSync, long distance, String sourcePosition, String replicaPosition,
                            int checks, Instant firstCheckedAt) {
    }

    /**
     * @param value      the CDC start position (Oracle: SCN before promotion; PostgreSQL: fork LSN after it)
     * @param lowerBound PostgreSQL: the replica's replay LSN once it had everything the source had
     *                   after the slot was made (the fork cannot be before it)
     */
    public record CapturedPosition(String engine, String value, String how, String slotName,
                                   String publicationName, String lowerBound) {
    }

    /** @param backupRetentionDays the BackupRetentionPeriod sent with PromoteReadReplica */
    public record Promotion(Instant requestedAt, boolean complete, String status, Instant completedAt,
                            Integer backupRetentionDays) {
    }

    public record Target(String endpointArn, String endpointIdentifier, boolean created) {
    }

    /**
     * The DMS source endpoint the CDC task reads: the run's own (PostgreSQL without
     * dms.sourceEndpointArn; created = true) or the one the input names.
     */
    public record SourceEndpoint(String endpointArn, String endpointIdentifier, boolean created) {
        /** The run made it (it has the run's identifier); the input's endpoint has none here. */
        public boolean runOwned() {
            return endpointIdentifier != null;
        }
    }

    public record ConnectionCheck(String status, String message, int checks, Instant startedAt) {
    }

    public record CdcTask(String taskArn, String taskIdentifier, String startPosition, String status,
                          boolean created) {
    }

    /** Section {@code result}: what a successful run made. */
    /** @param promotedBackupRetentionDays what PromoteReadReplica was sent (RDS's own default is 1 day) */
    public record Result(String status, String promotedReplica, Integer promotedBackupRetentionDays,
                         String cdcStartPosition, String targetEndpointArn, String cdcTaskArn, double freezeWindowSeconds) {
    }

    /** The state as the first state leaves it: the run id and the validated input, nothing run yet. */
    public static RunState started(String runId, PromoteReplicaInput input) {
        return new RunState(runId, input, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The result of this run, once every step has succeeded. */
    public Result succeeded() {
        return new Result("SUCCEEDED", input.replica().instanceId(),
                promotion == null ? null : promotion.backupRetentionDays(), position.value(), target.endpointArn(),
                task.taskArn(), thaw == null ? 0 : thaw.freezeWindowSeconds());
    }

    /** One run per source. */
    @Override
    public String lockId() {
        return input.source().instanceId();
    }

    @Override
    public RunSubject subject() {
        return new RunSubject("promote-replica", input.source().instanceId(), input.replica().instanceId(),
                engine().name().toLowerCase(), Map.of());
    }

    /** The source endpoint the CDC task reads. */
    public String sourceEndpointArn() {
        return sourceEndpoint != null ? sourceEndpoint.endpointArn() : input.dms().sourceEndpointArn();
    }

    public Engine engine() {
        return input.engine();
    }

    public DbConnection sourceConnection() {
        return new DbConnection(input.engine(), instances.source().host(), instances.source().port(),
                input.source().database(), input.source().secretArn());
    }

    public DbConnection replicaConnection() {
        return new DbConnection(input.engine(), instances.replica().host(), instances.replica().port(),
                input.replica().database(), input.replica().secretArn());
    }
}
