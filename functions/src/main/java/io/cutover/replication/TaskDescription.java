package io.cutover.replication;

/**
 * What DescribeReplicationTasks says about one task.
 *
 * @param migrationType cdc | full-load | full-load-and-cdc; null when not reported
 * @param tables        the full load's table counts (ReplicationTaskStats); null when not reported
 */
public record TaskDescription(
        String arn,
        String identifier,
        String status,
        String stopReason,
        String lastFailureMessage,
        String cdcStartPosition,
        Integer fullLoadProgressPercent,
        String migrationType,
        TableCounts tables) {

    /** A task described without its migration type and table counts. */
    public TaskDescription(String arn, String identifier, String status, String stopReason, String lastFailureMessage,
                           String cdcStartPosition, Integer fullLoadProgressPercent) {
        this(arn, identifier, status, stopReason, lastFailureMessage, cdcStartPosition, fullLoadProgressPercent, null,
                null);
    }

    public boolean isRunning() { return "running".equals(status); }
    public boolean isFailed() { return "failed".equals(status) || "failed-move".equals(status); }
    public boolean isStopped() { return "stopped".equals(status); }
    /** DMS starts a task only from these states. */
    public boolean isStartable() { return "ready".equals(status) || "stopped".equals(status); }

    /**
     * The full load of a running full-load-and-cdc task is over when no table is queued or
     * loading and the progress says 100 (DMS has no event for it).
     */
    public boolean isFullLoadFinished() {
        return fullLoadProgressPercent != null && fullLoadProgressPercent >= 100
                && tables != null && tables.queued() == 0 && tables.loading() == 0;
    }

    /** ReplicationTaskStats' table counts. */
    public record TableCounts(int loaded, int loading, int queued, int errored) {
    }
}
