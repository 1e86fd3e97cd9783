package io.cutover.instance;

import java.util.List;
import java.util.Map;

/**
 * What DescribeDBInstances says about one instance, reduced to what a cutover decides on.
 *
 * @param replicaSourceId ReadReplicaSourceDBInstanceIdentifier; null once the instance is standalone
 * @param replicaIds      ReadReplicaDBInstanceIdentifiers (replicas of this instance)
 * @param tags            the instance's tags (TagList)
 * @param backupRetentionPeriod days of automated backups (BackupRetentionPeriod); null if not reported
 * @param replicaMode     Oracle replicas: open-read-only or mounted (ReplicaMode); null otherwise
 * @param clusterId       the Aurora cluster the instance belongs to (DBClusterIdentifier); null otherwise
 * @param parameterGroup  its DB parameter group (DBParameterGroups[0]); null if not reported
 * @param parameterApplyStatus that group's ParameterApplyStatus (in-sync, applying, pending-reboot); null if not reported
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
        List<String> replicaIds,
        Map<String, String> tags,
        Integer backupRetentionPeriod,
        String replicaMode,
        String clusterId,
        String parameterGroup,
        String parameterApplyStatus) {

    public InstanceDescription {
        replicaIds = replicaIds == null ? List.of() : List.copyOf(replicaIds);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Its parameter group's apply status not reported. */
    public InstanceDescription(String id, String arn, String status, String engine, String replicaSourceId, String host,
                               int port, boolean multiAz, List<String> replicaIds, Map<String, String> tags,
                               Integer backupRetentionPeriod, String replicaMode, String clusterId, String parameterGroup) {
        this(id, arn, status, engine, replicaSourceId, host, port, multiAz, replicaIds, tags, backupRetentionPeriod,
                replicaMode, clusterId, parameterGroup, null);
    }

    /** An instance without tags, backup retention or replica mode. */
    public InstanceDescription(String id, String arn, String status, String engine, String replicaSourceId, String host,
                               int port, boolean multiAz, List<String> replicaIds) {
        this(id, arn, status, engine, replicaSourceId, host, port, multiAz, replicaIds, Map.of());
    }

    public InstanceDescription(String id, String arn, String status, String engine, String replicaSourceId, String host,
                               int port, boolean multiAz, List<String> replicaIds, Map<String, String> tags) {
        this(id, arn, status, engine, replicaSourceId, host, port, multiAz, replicaIds, tags, null, null);
    }

    /** An instance outside any Aurora cluster, its parameter group not reported. */
    public InstanceDescription(String id, String arn, String status, String engine, String replicaSourceId, String host,
                               int port, boolean multiAz, List<String> replicaIds, Map<String, String> tags,
                               Integer backupRetentionPeriod, String replicaMode) {
        this(id, arn, status, engine, replicaSourceId, host, port, multiAz, replicaIds, tags, backupRetentionPeriod,
                replicaMode, null, null, null);
    }

    /** A member of an Aurora cluster. */
    public boolean isClusterMember() {
        return clusterId != null && !clusterId.isBlank();
    }

    /** An Oracle replica in mounted mode accepts no connections (DescribeDBInstances ReplicaMode). */
    public boolean isMounted() {
        return "mounted".equals(replicaMode);
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
