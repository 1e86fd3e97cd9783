package io.cutover.aws;

import io.cutover.instance.ClusterDescription;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.instance.SnapshotDescription;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * {@link DatabaseInstances} on RDS: DescribeDBInstances, PromoteReadReplica, DescribeDBClusters,
 * instance and cluster snapshots, (cluster) parameter groups and RebootDBInstance.
 */
public final class RdsInstances implements DatabaseInstances {

    static final String SERVICE = "RDS";

    /**
     * Statuses an instance leaves by itself. PromoteReadReplica is refused in them
     * (backing-up is documented), so a refusal then is worth retrying.
     */
    private static final Set<String> PASSING_STATUSES = Set.of(
            "backing-up", "modifying", "rebooting", "creating", "starting", "upgrading", "maintenance",
            "renaming", "configuring-enhanced-monitoring", "configuring-log-exports",
            "configuring-iam-database-auth");

    private final RdsClient rds;

    public RdsInstances(RdsClient rds) {
        this.rds = rds;
    }

    @Override
    public Optional<InstanceDescription> describe(String instanceId) {
        try {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(instanceId))
                    .dbInstances().stream().findFirst().map(RdsInstances::toDescription);
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "DescribeDBInstances", e);
        }
    }

    /** BackupRetentionPeriod always: left out, RDS keeps 1 day of backups (API_PromoteReadReplica). */
    @Override
    public void promote(String instanceId, int backupRetentionDays) {
        try {
            rds.promoteReadReplica(r -> r.dbInstanceIdentifier(instanceId).backupRetentionPeriod(backupRetentionDays));
        } catch (InvalidDbInstanceStateException e) {
            // The error code does not say why (backing-up, or not a replica at all): the status does.
            throw new AwsCallException(SERVICE, "PromoteReadReplica", e, isPassing(instanceId));
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "PromoteReadReplica", e);
        }
    }

    @Override
    public Optional<ClusterDescription> describeCluster(String clusterId) {
        return describe("DescribeDBClusters", DbClusterNotFoundException.class, () -> rds.describeDBClusters(
                r -> r.dbClusterIdentifier(clusterId)).dbClusters().stream().findFirst().map(RdsInstances::toDescription));
    }

    @Override
    public void createInstanceSnapshot(String instanceId, String snapshotId, String runId) {
        call("CreateDBSnapshot", () -> rds.createDBSnapshot(r -> r.dbInstanceIdentifier(instanceId)
                .dbSnapshotIdentifier(snapshotId).tags(tags(runId))));
    }

    @Override
    public void createClusterSnapshot(String clusterId, String snapshotId, String runId) {
        call("CreateDBClusterSnapshot", () -> rds.createDBClusterSnapshot(r -> r.dbClusterIdentifier(clusterId)
                .dbClusterSnapshotIdentifier(snapshotId).tags(tags(runId))));
    }

    @Override
    public Optional<SnapshotDescription> describeInstanceSnapshot(String snapshotId) {
        return describe("DescribeDBSnapshots", DbSnapshotNotFoundException.class, () -> rds.describeDBSnapshots(
                        r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots().stream().findFirst()
                .map(s -> new SnapshotDescription(s.dbSnapshotIdentifier(), s.dbSnapshotArn(), s.dbInstanceIdentifier(),
                        s.status(), s.percentProgress())));
    }

    @Override
    public Optional<SnapshotDescription> describeClusterSnapshot(String snapshotId) {
        return describe("DescribeDBClusterSnapshots", DbClusterSnapshotNotFoundException.class,
                () -> rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(snapshotId))
                        .dbClusterSnapshots().stream().findFirst()
                        .map(s -> new SnapshotDescription(s.dbClusterSnapshotIdentifier(), s.dbClusterSnapshotArn(),
                                s.dbClusterIdentifier(), s.status(), s.percentProgress())));
    }

    /** Source=user: only what the group's owner set, a page or two even for a large group. */
    @Override
    public Optional<String> parameterValue(ParameterGroupRef group, String parameter) {
        List<Parameter> set = group.cluster()
                ? call("DescribeDBClusterParameters", () -> rds.describeDBClusterParametersPaginator(
                        r -> r.dbClusterParameterGroupName(group.name()).source("user")).parameters().stream().toList())
                : call("DescribeDBParameters", () -> rds.describeDBParametersPaginator(
                        r -> r.dbParameterGroupName(group.name()).source("user")).parameters().stream().toList());
        return set.stream().filter(p -> parameter.equals(p.parameterName())).map(Parameter::parameterValue).findFirst();
    }

    @Override
    public void setParameter(ParameterGroupRef group, String parameter, String value, ApplyMethod applyMethod) {
        Parameter p = Parameter.builder().parameterName(parameter).parameterValue(value)
                .applyMethod(applyMethod.rdsName()).build();
        if (group.cluster()) {
            call("ModifyDBClusterParameterGroup", () -> rds.modifyDBClusterParameterGroup(
                    r -> r.dbClusterParameterGroupName(group.name()).parameters(p)));
        } else {
            call("ModifyDBParameterGroup", () -> rds.modifyDBParameterGroup(
                    r -> r.dbParameterGroupName(group.name()).parameters(p)));
        }
    }

    @Override
    public void reboot(String instanceId) {
        try {
            rds.rebootDBInstance(r -> r.dbInstanceIdentifier(instanceId));
        } catch (InvalidDbInstanceStateException e) {
            throw new AwsCallException(SERVICE, "RebootDBInstance", e, isPassing(instanceId));
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "RebootDBInstance", e);
        }
    }

    private static List<Tag> tags(String runId) {
        return List.of(Tag.builder().key(DmsReplication.MANAGED_TAG).value("true").build(),
                Tag.builder().key(DmsReplication.RUN_ID_TAG).value(runId).build());
    }

    private static <T> Optional<T> describe(String operation, Class<? extends SdkException> notFound,
                                            Supplier<Optional<T>> call) {
        return AwsCall.describe(SERVICE, operation, notFound, call);
    }

    private static <T> T call(String operation, Supplier<T> call) {
        return AwsCall.call(SERVICE, operation, call);
    }

    private static ClusterDescription toDescription(DBCluster c) {
        return new ClusterDescription(c.dbClusterIdentifier(), c.dbClusterArn(), c.status(), c.engine(), c.endpoint(),
                c.readerEndpoint(), c.port() == null ? 0 : c.port(), c.dbClusterParameterGroup(),
                c.dbClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isClusterWriter()))
                        .map(DBClusterMember::dbInstanceIdentifier).findFirst().orElse(null),
                c.dbClusterMembers().stream().map(DBClusterMember::dbInstanceIdentifier).toList(),
                c.dbClusterMembers().stream().filter(m -> m.dbInstanceIdentifier() != null && m.dbClusterParameterGroupStatus() != null)
                        .collect(java.util.stream.Collectors.toMap(DBClusterMember::dbInstanceIdentifier,
                                DBClusterMember::dbClusterParameterGroupStatus, (a, b) -> b)));
    }

    private boolean isPassing(String instanceId) {
        try {
            return describe(instanceId).map(d -> PASSING_STATUSES.contains(d.status())).orElse(false);
        } catch (AwsCallException e) {
            return e.isTransient(); // cannot tell now; let a retry find out
        }
    }

    private static InstanceDescription toDescription(DBInstance i) {
        // Endpoint is absent while the instance is being created.
        var endpoint = i.endpoint();
        return new InstanceDescription(
                i.dbInstanceIdentifier(),
                i.dbInstanceArn(),
                i.dbInstanceStatus(),
                i.engine(),
                i.readReplicaSourceDBInstanceIdentifier(),
                endpoint == null ? null : endpoint.address(),
                endpoint == null || endpoint.port() == null ? 0 : endpoint.port(),
                Boolean.TRUE.equals(i.multiAZ()),
                i.readReplicaDBInstanceIdentifiers(),
                i.tagList().stream().filter(t -> t.key() != null && t.value() != null)
                        .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b)),
                i.backupRetentionPeriod(),
                i.replicaModeAsString(),
                i.dbClusterIdentifier(),
                i.dbParameterGroups().stream().findFirst().map(g -> g.dbParameterGroupName()).orElse(null),
                i.dbParameterGroups().stream().findFirst().map(g -> g.parameterApplyStatus()).orElse(null));
    }
}
