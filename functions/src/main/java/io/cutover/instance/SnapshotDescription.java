package io.cutover.instance;

/**
 * An instance or cluster snapshot (DescribeDBSnapshots, DescribeDBClusterSnapshots).
 *
 * @param sourceId        the instance or cluster it was taken of
 * @param status          creating | available | failed | ...
 * @param percentProgress PercentProgress; null when not reported
 */
public record SnapshotDescription(String id, String arn, String sourceId, String status, Integer percentProgress) {

    public boolean isAvailable() {
        return "available".equals(status);
    }

    public boolean isFailed() {
        return "failed".equals(status);
    }
}
