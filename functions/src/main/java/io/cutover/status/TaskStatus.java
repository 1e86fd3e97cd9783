package io.cutover.status;

import java.time.Instant;

/**
 * A DMS replication task (DescribeReplicationTasks).
 *
 * @param status     DMS task status, or "not found"
 * @param checkpoint DMS RecoveryCheckpoint (where CDC would resume); locally the subscription's
 *                   latest confirmed LSN
 * @param cdcLatency what is known about CDC latency and where it comes from
 */
public record TaskStatus(
        String arn,
        String identifier,
        String status,
        String migrationType,
        String sourceEndpointArn,
        String targetEndpointArn,
        String cdcStartPosition,
        String checkpoint,
        String stopReason,
        String lastFailureMessage,
        Instant startedAt,
        Progress progress,
        CdcLatency cdcLatency) {

    /** ReplicationTaskStats: full-load progress and table counts. */
    public record Progress(Integer fullLoadProgressPercent, Long elapsedMillis, Integer tablesLoaded,
                           Integer tablesLoading, Integer tablesQueued, Integer tablesErrored) {
    }

    /**
     * DMS publishes CDC latency only as the CloudWatch metrics CDCLatencySource and
     * CDCLatencyTarget; DescribeReplicationTasks has no latency field.
     *
     * @param how where the numbers come from, or why there are none
     */
    public record CdcLatency(Double sourceSeconds, Double targetSeconds, String how) {
    }

    public static TaskStatus notFound(String arn) {
        return new TaskStatus(arn, null, "not found", null, null, null, null, null, null, null, null, null, null);
    }
}
