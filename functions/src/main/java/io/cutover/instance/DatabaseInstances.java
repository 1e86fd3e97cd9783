package io.cutover.instance;

import java.util.Optional;

/**
 * Port: the databases RDS runs (RDS instances and Aurora clusters in AWS, PostgreSQL servers
 * locally): describe, promote, snapshots, parameter groups and reboots.
 */
public interface DatabaseInstances {

    /** Describes one instance; empty if it does not exist. */
    Optional<InstanceDescription> describe(String instanceId);

    /**
     * Starts promoting a read replica to a standalone instance (RDS PromoteReadReplica).
     *
     * @param backupRetentionDays automated backups the promoted instance keeps: sent explicitly,
     *                            because PromoteReadReplica's default is 1 day
     */
    void promote(String instanceId, int backupRetentionDays);

    /** Describes one Aurora cluster (DescribeDBClusters); empty if it does not exist. */
    Optional<ClusterDescription> describeCluster(String clusterId);

    /** Starts a manual snapshot of an instance (CreateDBSnapshot), tagged with the run. */
    void createInstanceSnapshot(String instanceId, String snapshotId, String runId);

    /** Starts a manual snapshot of an Aurora cluster (CreateDBClusterSnapshot), tagged with the run. */
    void createClusterSnapshot(String clusterId, String snapshotId, String runId);

    /** An instance snapshot (DescribeDBSnapshots); empty if it does not exist. */
    Optional<SnapshotDescription> describeInstanceSnapshot(String snapshotId);

    /** A cluster snapshot (DescribeDBClusterSnapshots); empty if it does not exist. */
    Optional<SnapshotDescription> describeClusterSnapshot(String snapshotId);

    /**
     * A parameter's value as set in a parameter group by its owner (DescribeDBParameters or
     * DescribeDBClusterParameters, Source=user); empty when the group leaves it at the engine default.
     */
    Optional<String> parameterValue(ParameterGroupRef group, String parameter);

    /**
     * Sets one parameter of a parameter group (ModifyDBParameterGroup or
     * ModifyDBClusterParameterGroup). A static parameter takes effect after {@link #reboot}.
     */
    void setParameter(ParameterGroupRef group, String parameter, String value, ApplyMethod applyMethod);

    /** Reboots an instance (RebootDBInstance): for an Aurora cluster, its writer. */
    void reboot(String instanceId);

    /** When a parameter change applies (RDS ApplyMethod). */
    enum ApplyMethod {
        IMMEDIATE("immediate"), PENDING_REBOOT("pending-reboot");

        private final String rdsName;

        ApplyMethod(String rdsName) {
            this.rdsName = rdsName;
        }

        public String rdsName() {
            return rdsName;
        }
    }
}
