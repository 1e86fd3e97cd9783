package io.cutover.catalog;

import java.util.ArrayList;
import java.util.List;

import static io.cutover.catalog.AwsCall.code;
import static io.cutover.catalog.AwsCall.service;
import static io.cutover.catalog.AwsResource.APPMAP_TABLE;
import static io.cutover.catalog.AwsResource.DATABASE_SECRET;
import static io.cutover.catalog.AwsResource.DB_CLUSTER;
import static io.cutover.catalog.AwsResource.DB_CLUSTER_SNAPSHOT;
import static io.cutover.catalog.AwsResource.DB_INSTANCE;
import static io.cutover.catalog.AwsResource.DB_SNAPSHOT;
import static io.cutover.catalog.AwsResource.DMS_ENDPOINT;
import static io.cutover.catalog.AwsResource.DMS_REPLICATION_INSTANCE;
import static io.cutover.catalog.AwsResource.DMS_SECRETS_ACCESS_ROLE;
import static io.cutover.catalog.AwsResource.DMS_TASK;
import static io.cutover.catalog.AwsResource.NO_RESOURCE_TYPE;
import static io.cutover.catalog.AwsResource.RUNS_TABLE;

/**
 * The AWS calls of the step catalog, by what they touch (adapters: DynamoRunStore, DynamoAppMap,
 * RdsInstances, DmsReplication, ...). The catalog's table names a step's bundles; bundles overlap
 * (RUNS and APPMAP_READ both read with GetItem, on different tables) and a step keeps each call once.
 */
enum CallBundle {
    /** Run item, history, lock items, waiters: item reads and conditional writes, Query on a partition. */
    RUNS(
            code("dynamodb:GetItem", RUNS_TABLE),
            code("dynamodb:PutItem", RUNS_TABLE),
            code("dynamodb:UpdateItem", RUNS_TABLE),
            code("dynamodb:DeleteItem", RUNS_TABLE),
            code("dynamodb:Query", RUNS_TABLE)),
    /** The status reads the run item and the lock holder, nothing else. */
    RUNS_READ(code("dynamodb:GetItem", RUNS_TABLE)),
    /** Scan: the appmap is small and listed whole. */
    APPMAP_READ(code("dynamodb:GetItem", APPMAP_TABLE), code("dynamodb:Scan", APPMAP_TABLE)),
    /** Conditional PutItem on the version: the whole entry is rewritten. */
    APPMAP_WRITE(APPMAP_READ, code("dynamodb:PutItem", APPMAP_TABLE)),
    /** JDBC credentials (SecretsManagerSecrets). */
    DATABASE_SECRETS(code("secretsmanager:GetSecretValue", DATABASE_SECRET)),
    RDS_DESCRIBE(code("rds:DescribeDBInstances", DB_INSTANCE)),
    RDS_PROMOTE(code("rds:PromoteReadReplica", DB_INSTANCE).guardedBy(Guard.PROMOTABLE_INSTANCE)),
    DMS_DESCRIBE_INSTANCES(code("dms:DescribeReplicationInstances", NO_RESOURCE_TYPE)),
    DMS_DESCRIBE_ENDPOINTS(
            code("dms:DescribeEndpoints", NO_RESOURCE_TYPE),
            code("dms:DescribeConnections", NO_RESOURCE_TYPE)),
    DMS_DESCRIBE_TASKS(code("dms:DescribeReplicationTasks", NO_RESOURCE_TYPE)),
    /**
     * CreateEndpoint with a secret: DMS validates the secrets-access role and the secret with the
     * caller's permissions - iam:GetRole on the role, secretsmanager:DescribeSecret on the secret,
     * beside iam:PassRole ("Using secrets to access AWS Database Migration Service endpoints",
     * DMS user guide, security_iam_secretsmanager). AddTagsToResource: the tags travel in the
     * create request; granted with the same request-tag conditions in case DMS authorizes them
     * as a tagging action too (the Service Authorization Reference lists no dependent action).
     */
    DMS_CREATE_ENDPOINT(
            code("dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("dms:AddTagsToResource", "dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("iam:PassRole", "dms:CreateEndpoint", DMS_SECRETS_ACCESS_ROLE).guardedBy(Guard.PASSED_TO_DMS),
            service("iam:GetRole", "dms:CreateEndpoint", DMS_SECRETS_ACCESS_ROLE),
            service("secretsmanager:DescribeSecret", "dms:CreateEndpoint", DATABASE_SECRET)),
    /** The run's own source endpoint, once no task uses it; only endpoints the product tagged. */
    DMS_DELETE_ENDPOINT(code("dms:DeleteEndpoint", DMS_ENDPOINT).guardedBy(Guard.MANAGED_RESOURCE)),
    DMS_TEST_CONNECTION(code("dms:TestConnection", DMS_ENDPOINT, DMS_REPLICATION_INSTANCE)),
    DMS_CREATE_TASK(
            code("dms:CreateReplicationTask", DMS_ENDPOINT, DMS_REPLICATION_INSTANCE).guardedBy(Guard.TAGS_ON_CREATE),
            service("dms:AddTagsToResource", "dms:CreateReplicationTask", DMS_TASK).guardedBy(Guard.TAGS_ON_CREATE)),
    /** Only tasks a run created can be started. */
    DMS_START_TASK(code("dms:StartReplicationTask", DMS_TASK).guardedBy(Guard.MANAGED_RESOURCE)),
    DMS_TABLE_STATISTICS(code("dms:DescribeTableStatistics", DMS_TASK)),
    /** Only tasks a run created can be stopped (the migration's task after the cutover). */
    DMS_STOP_TASK(code("dms:StopReplicationTask", DMS_TASK).guardedBy(Guard.MANAGED_RESOURCE)),
    /** After a rollback: only tasks a run created can be deleted (the S3 copy's). */
    DMS_DELETE_TASK(code("dms:DeleteReplicationTask", DMS_TASK).guardedBy(Guard.MANAGED_RESOURCE)),
    /**
     * The S3 copy's endpoint: no secret (DMS writes with the service access role), so PassRole of
     * the deployed DmsS3TargetRole to DMS only, and the tags in the request as for every endpoint.
     */
    DMS_CREATE_S3_ENDPOINT(
            code("dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("dms:AddTagsToResource", "dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("iam:PassRole", "dms:CreateEndpoint", AwsResource.DMS_S3_TARGET_ROLE).guardedBy(Guard.PASSED_TO_DMS)),
    /** The S3 copy's output check (S3ObjectStore): ListObjectsV2 under the prefix, GetObject of its files. */
    S3_TARGET_READ(
            code("s3:ListBucket", AwsResource.S3_TARGET_BUCKET).guardedBy(Guard.S3_TARGET_PREFIX),
            code("s3:GetObject", AwsResource.S3_TARGET_OBJECTS)),
    /** A source or target that is an Aurora cluster: its writer endpoint and parameter group. */
    RDS_DESCRIBE_CLUSTERS(code("rds:DescribeDBClusters", DB_CLUSTER)),
    RDS_DESCRIBE_SNAPSHOTS(
            code("rds:DescribeDBSnapshots", DB_SNAPSHOT),
            code("rds:DescribeDBClusterSnapshots", DB_CLUSTER_SNAPSHOT)),
    /**
     * Manual snapshots of the source, tagged in the request: RDS authorizes the tags as
     * rds:AddTagsToResource on the new snapshot ("Tagging Amazon RDS resources", RDS user guide).
     */
    RDS_CREATE_SNAPSHOTS(
            code("rds:CreateDBSnapshot", DB_INSTANCE, DB_SNAPSHOT),
            service("rds:AddTagsToResource", "rds:CreateDBSnapshot", DB_SNAPSHOT),
            code("rds:CreateDBClusterSnapshot", DB_CLUSTER, DB_CLUSTER_SNAPSHOT),
            service("rds:AddTagsToResource", "rds:CreateDBClusterSnapshot", DB_CLUSTER_SNAPSHOT)),
    /**
     * replicationRoleRoute parameterGroup: the target's DB (cluster) parameter group read and set
     * (RdsInstances.parameterValue, setParameter), and its instance (an Aurora cluster's writer)
     * described and rebooted for a pending-reboot change.
     */
    RDS_PARAMETER_READ(
            code("rds:DescribeDBParameters", AwsResource.DB_PARAMETER_GROUP),
            code("rds:DescribeDBClusterParameters", AwsResource.DB_CLUSTER_PARAMETER_GROUP)),
    RDS_PARAMETER_WRITE(
            code("rds:ModifyDBParameterGroup", AwsResource.DB_PARAMETER_GROUP),
            code("rds:ModifyDBClusterParameterGroup", AwsResource.DB_CLUSTER_PARAMETER_GROUP)),
    RDS_REBOOT(code("rds:RebootDBInstance", DB_INSTANCE)),
    /** CloudWatch's DMS metrics (CDCLatencySource/Target). */
    METRICS_READ(code("cloudwatch:GetMetricData", AwsResource.METRICS)),
    /**
     * The Service Authorization Reference gives these no resource type, so "*"; a token is
     * needed anyway, and only the run store holds them.
     */
    TASK_CALLBACKS(code("states:SendTaskSuccess", NO_RESOURCE_TYPE), code("states:SendTaskFailure", NO_RESOURCE_TYPE));

    private final List<AwsCall> calls;

    CallBundle(AwsCall... calls) {
        this.calls = List.of(calls);
    }

    /** A bundle that makes all the calls of another and more (APPMAP_WRITE: the reads, then the write). */
    CallBundle(CallBundle base, AwsCall... more) {
        List<AwsCall> all = new ArrayList<>(base.calls);
        all.addAll(List.of(more));
        this.calls = List.copyOf(all);
    }

    List<AwsCall> calls() {
        return calls;
    }
}
