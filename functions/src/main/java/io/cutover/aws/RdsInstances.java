package io.cutover.aws;

import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;

/** {@link DatabaseInstances} on RDS: DescribeDBInstances and PromoteReadReplica. */
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
                i.replicaModeAsString());
    }
}
