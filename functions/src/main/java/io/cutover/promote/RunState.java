package io.cutover.promote;

import io.cutover.input.PromoteReplicaInput;
import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.time.Instant;
import java.util.List;

/**
 * The execution state every step receives ($ in the state machine): the validated input plus
 * one section per step that has run. Each step returns the state with its own section set.
 */
public record RunState(
        String runId,
        PromoteReplicaInput input,
        Instances instances,
        LagCheck lag,
        Freeze freeze,
        SyncCheck sync,
        CapturedPosition position,
        Promotion promotion,
        Target target,
        ConnectionCheck connection,
        CdcTask task) {

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

    public record Freeze(List<String> frozen, boolean skipped, Instant at) {
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

    public record ConnectionCheck(String status, String message, int checks, Instant startedAt) {
    }

    public record CdcTask(String taskArn, String taskIdentifier, String startPosition, String status,
                          boolean created) {
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
