package io.cutover.instance;

import java.util.List;

/**
 * What DescribeDBInstances says about one instance, reduced to what a cutover decides on.
 *
 * @param replicaSourceId ReadReplicaSourceDBInstanceIdentifier; null once the instance is standalone
 * @param replicaIds      ReadReplicaDBInstanceIdentifiers (replicas of this instance)
 */
public record InstanceDescription(
        String id,
        String arn,
        String status,
        String engine,
        String replicaSourceId,
        String host,
        int port,
        boolean multiAz,
        List<String> replicaIds) {

    public InstanceDescription {
        replicaIds = replicaIds == null ? List.of() : List.copyOf(replicaIds);
    }

    public boolean isAvailable() {
        return "available".equals(status);
    }

    public boolean isReplica() {
        return replicaSourceId != null && !replicaSourceId.isBlank();
    }

    /** Replicates from the given source (RDS may report the source as an identifier or an ARN). */
    public boolean replicatesFrom(String sourceId) {
        if (!isReplica()) return false;
        return replicaSourceId.equals(sourceId) || replicaSourceId.endsWith(":db:" + sourceId);
    }

    /** Promotion is complete when the instance is available and no longer names a source. */
    public boolean isPromotionComplete() {
        return isAvailable() && !isReplica();
    }
}
