package io.cutover.replication;

/** What DescribeReplicationTasks says about one task. */
public record TaskDescription(
        String arn,
        String identifier,
        String status,
        String stopReason,
        String lastFailureMessage,
        String cdcStartPosition,
        Integer fullLoadProgressPercent) {

    public boolean isRunning() { return "running".equals(status); }
    public boolean isFailed() { return "failed".equals(status) || "failed-move".equals(status); }
    /** DMS starts a task only from these states. */
    public boolean isStartable() { return "ready".equals(status) || "stopped".equals(status); }
}
