package io.cutover.catalog;

/**
 * What IAM authorizes a call against, named as the Service Authorization Reference names the
 * resource type ({@link #service()}, {@link #resourceType()}); the iam-check looks each pair up
 * in AWS's data. How each is scoped in the policy (a stack resource, a deploy parameter, an
 * account-and-region wildcard) is the CDK stack's business.
 */
public enum AwsResource {
    /** For actions without a resource type in the Service Authorization Reference: the policy must say "*". */
    NO_RESOURCE_TYPE(null, null, "all resources (no resource type)"),
    RUNS_TABLE("dynamodb", "table", "the runs table"),
    APPMAP_TABLE("dynamodb", "table", "the appmap table"),
    /** Secrets named in run inputs, limited to the DatabaseSecretArns parameter. */
    DATABASE_SECRET("secretsmanager", "Secret", "database secrets (DatabaseSecretArns)"),
    /** The role DMS assumes to read endpoint secrets: the DmsAccessRoleArn parameter. */
    DMS_SECRETS_ACCESS_ROLE("iam", "role", "the DMS secrets-access role (DmsAccessRoleArn)"),
    /** The role DMS assumes to write the S3 copy (infra's DmsS3TargetRole, deployed with an S3 target bucket). */
    DMS_S3_TARGET_ROLE("iam", "role", "the DMS S3 target role (DmsS3TargetRole)"),
    /** The S3 copy's bucket (cutover:s3TargetBucket), listed under the deployed prefix only. */
    S3_TARGET_BUCKET("s3", "bucket", "the S3 target bucket (cutover:s3TargetBucket)"),
    /** The objects under the deployed prefix (cutover:s3TargetPrefix) of that bucket. */
    S3_TARGET_OBJECTS("s3", "object", "the objects under the S3 target prefix (cutover:s3TargetPrefix)"),
    DB_INSTANCE("rds", "db", "RDS DB instances"),
    DB_CLUSTER("rds", "cluster", "Aurora DB clusters"),
    /** Manual snapshots a migration takes of its source (never deleted). */
    DB_SNAPSHOT("rds", "snapshot", "RDS DB snapshots"),
    DB_CLUSTER_SNAPSHOT("rds", "cluster-snapshot", "Aurora DB cluster snapshots"),
    /** A migration target's DB parameter group (replicationRoleRoute parameterGroup): named per run, read and set. */
    DB_PARAMETER_GROUP("rds", "pg", "RDS DB parameter groups"),
    /** A migration target's DB cluster parameter group (replicationRoleRoute parameterGroup, Aurora). */
    DB_CLUSTER_PARAMETER_GROUP("rds", "cluster-pg", "Aurora DB cluster parameter groups"),
    /**
     * GetMetricData reads metrics, not a dataset (its only, optional, resource type): the
     * policy says "*".
     */
    METRICS("cloudwatch", "dataset", "CloudWatch metrics (no dataset: all resources)"),
    DMS_ENDPOINT("dms", "Endpoint", "DMS endpoints"),
    DMS_REPLICATION_INSTANCE("dms", "ReplicationInstance", "DMS replication instances"),
    DMS_TASK("dms", "ReplicationTask", "DMS replication tasks"),
    /** The function's own log group (its streams: CreateLogStream and PutLogEvents name log streams). */
    OWN_LOG_GROUP("logs", "log-stream", "the function's own log group"),
    /** Lambda's network interfaces in the private subnets (VPC functions). */
    NETWORK_INTERFACE("ec2", "network-interface", "network interfaces"),
    SUBNET("ec2", "subnet", "the private subnets (PrivateSubnetIds)"),
    /** Where Lambda puts asynchronous invocations that still fail after its retries. */
    FAILURE_QUEUE("sqs", "queue", "the event dead-letter queue");

    private final String service;
    private final String resourceType;
    private final String description;

    AwsResource(String service, String resourceType, String description) {
        this.service = service;
        this.resourceType = resourceType;
        this.description = description;
    }

    /** IAM service prefix, e.g. {@code dms}; null for {@link #NO_RESOURCE_TYPE}. */
    public String service() {
        return service;
    }

    /** Resource type as the Service Authorization Reference names it, e.g. {@code ReplicationTask}. */
    public String resourceType() {
        return resourceType;
    }

    public String description() {
        return description;
    }
}
