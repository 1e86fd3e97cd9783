package io.cutover.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import static io.cutover.catalog.HandlerGroup.MIGRATE;
import static io.cutover.catalog.HandlerGroup.OPERATIONS;
import static io.cutover.catalog.HandlerGroup.PROMOTE_REPLICA;
import static io.cutover.catalog.HandlerGroup.SWITCHOVER;
import static io.cutover.catalog.Invocation.EVENT_RULE;
import static io.cutover.catalog.Invocation.OPERATOR;
import static io.cutover.catalog.Invocation.STATE_MACHINE;

/**
 * Every Lambda step: state-machine function name -> handler class -> use case -> the AWS calls
 * it makes -> memory, timeout, VPC. The one source the CDK stack (functions, IAM policies), the
 * rehearsal (local Lambda wiring) and docs/DEPLOY.md read. A step an ASL file names but this
 * catalog lacks fails the synth: a new step gets no permissions by default.
 *
 * <p>AWS calls are what the code sends through its SDK clients (the declared-calls test records
 * them and fails on one not declared here) and what AWS authorizes with the step's credentials
 * while serving them; the iam-check evaluates each against the step's synthesized policy with
 * AWS's Service Authorization Reference.
 */
public final class StepCatalog {

    // --- the calls, by what they touch (adapters: DynamoRunStore, DynamoAppMap, RdsInstances, DmsReplication, ...) ---

    /** Run item, history, lock items, waiters: item reads and conditional writes, Query on a partition. */
    static final List<AwsCall> RUNS = List.of(code("dynamodb:GetItem", RUNS_TABLE), code("dynamodb:PutItem", RUNS_TABLE),
            code("dynamodb:UpdateItem", RUNS_TABLE), code("dynamodb:DeleteItem", RUNS_TABLE),
            code("dynamodb:Query", RUNS_TABLE));
    /** The status reads the run item and the lock holder, nothing else. */
    static final List<AwsCall> RUNS_READ = List.of(code("dynamodb:GetItem", RUNS_TABLE));
    /** Scan: the appmap is small and listed whole. */
    static final List<AwsCall> APPMAP_READ = List.of(code("dynamodb:GetItem", APPMAP_TABLE),
            code("dynamodb:Scan", APPMAP_TABLE));
    /** Conditional PutItem on the version: the whole entry is rewritten. */
    static final List<AwsCall> APPMAP_WRITE = concat(APPMAP_READ, List.of(code("dynamodb:PutItem", APPMAP_TABLE)));
    /** JDBC credentials (SecretsManagerSecrets). */
    static final List<AwsCall> DATABASE_SECRETS = List.of(code("secretsmanager:GetSecretValue", DATABASE_SECRET));
    static final List<AwsCall> RDS_DESCRIBE = List.of(code("rds:DescribeDBInstances", DB_INSTANCE));
    static final List<AwsCall> RDS_PROMOTE = List.of(
            code("rds:PromoteReadReplica", DB_INSTANCE).guardedBy(Guard.PROMOTABLE_INSTANCE));
    static final List<AwsCall> DMS_DESCRIBE_INSTANCES = List.of(code("dms:DescribeReplicationInstances", NO_RESOURCE_TYPE));
    static final List<AwsCall> DMS_DESCRIBE_ENDPOINTS = List.of(code("dms:DescribeEndpoints", NO_RESOURCE_TYPE),
            code("dms:DescribeConnections", NO_RESOURCE_TYPE));
    static final List<AwsCall> DMS_DESCRIBE_TASKS = List.of(code("dms:DescribeReplicationTasks", NO_RESOURCE_TYPE));
    /**
     * CreateEndpoint with a secret: DMS validates the secrets-access role and the secret with the
     * caller's permissions - iam:GetRole on the role, secretsmanager:DescribeSecret on the secret,
     * beside iam:PassRole ("Using secrets to access AWS Database Migration Service endpoints",
     * DMS user guide, security_iam_secretsmanager). AddTagsToResource: the tags travel in the
     * create request; granted with the same request-tag conditions in case DMS authorizes them
     * as a tagging action too (the Service Authorization Reference lists no dependent action).
     */
    static final List<AwsCall> DMS_CREATE_ENDPOINT = List.of(
            code("dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("dms:AddTagsToResource", "dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("iam:PassRole", "dms:CreateEndpoint", DMS_SECRETS_ACCESS_ROLE).guardedBy(Guard.PASSED_TO_DMS),
            service("iam:GetRole", "dms:CreateEndpoint", DMS_SECRETS_ACCESS_ROLE),
            service("secretsmanager:DescribeSecret", "dms:CreateEndpoint", DATABASE_SECRET));
    /** The run's own source endpoint, once no task uses it; only endpoints the product tagged. */
    static final List<AwsCall> DMS_DELETE_ENDPOINT = List.of(
            code("dms:DeleteEndpoint", DMS_ENDPOINT).guardedBy(Guard.MANAGED_RESOURCE));
    static final List<AwsCall> DMS_TEST_CONNECTION = List.of(
            code("dms:TestConnection", DMS_ENDPOINT, DMS_REPLICATION_INSTANCE));
    static final List<AwsCall> DMS_CREATE_TASK = List.of(
            code("dms:CreateReplicationTask", DMS_ENDPOINT, DMS_REPLICATION_INSTANCE).guardedBy(Guard.TAGS_ON_CREATE),
            service("dms:AddTagsToResource", "dms:CreateReplicationTask", DMS_TASK).guardedBy(Guard.TAGS_ON_CREATE));
    /** Only tasks a run created can be started. */
    static final List<AwsCall> DMS_START_TASK = List.of(
            code("dms:StartReplicationTask", DMS_TASK).guardedBy(Guard.MANAGED_RESOURCE));
    static final List<AwsCall> DMS_TABLE_STATISTICS = List.of(code("dms:DescribeTableStatistics", DMS_TASK));
    /** Only tasks a run created can be stopped (the migration's task after the cutover). */
    static final List<AwsCall> DMS_STOP_TASK = List.of(
            code("dms:StopReplicationTask", DMS_TASK).guardedBy(Guard.MANAGED_RESOURCE));
    /** After a rollback: only tasks a run created can be deleted (the S3 copy's). */
    static final List<AwsCall> DMS_DELETE_TASK = List.of(
            code("dms:DeleteReplicationTask", DMS_TASK).guardedBy(Guard.MANAGED_RESOURCE));
    /**
     * The S3 copy's endpoint: no secret (DMS writes with the service access role), so PassRole of
     * the deployed DmsS3TargetRole to DMS only, and the tags in the request as for every endpoint.
     */
    static final List<AwsCall> DMS_CREATE_S3_ENDPOINT = List.of(
            code("dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("dms:AddTagsToResource", "dms:CreateEndpoint", DMS_ENDPOINT).guardedBy(Guard.TAGS_ON_CREATE),
            service("iam:PassRole", "dms:CreateEndpoint", AwsResource.DMS_S3_TARGET_ROLE).guardedBy(Guard.PASSED_TO_DMS));
    /** The S3 copy's output check (S3ObjectStore): ListObjectsV2 under the prefix, GetObject of its files. */
    static final List<AwsCall> S3_TARGET_READ = List.of(
            code("s3:ListBucket", AwsResource.S3_TARGET_BUCKET).guardedBy(Guard.S3_TARGET_PREFIX),
            code("s3:GetObject", AwsResource.S3_TARGET_OBJECTS));
    /** A source or target that is an Aurora cluster: its writer endpoint and parameter group. */
    static final List<AwsCall> RDS_DESCRIBE_CLUSTERS = List.of(code("rds:DescribeDBClusters", DB_CLUSTER));
    static final List<AwsCall> RDS_DESCRIBE_SNAPSHOTS = List.of(code("rds:DescribeDBSnapshots", DB_SNAPSHOT),
            code("rds:DescribeDBClusterSnapshots", DB_CLUSTER_SNAPSHOT));
    /**
     * Manual snapshots of the source, tagged in the request: RDS authorizes the tags as
     * rds:AddTagsToResource on the new snapshot ("Tagging Amazon RDS resources", RDS user guide).
     */
    static final List<AwsCall> RDS_CREATE_SNAPSHOTS = List.of(code("rds:CreateDBSnapshot", DB_INSTANCE, DB_SNAPSHOT),
            service("rds:AddTagsToResource", "rds:CreateDBSnapshot", DB_SNAPSHOT),
            code("rds:CreateDBClusterSnapshot", DB_CLUSTER, DB_CLUSTER_SNAPSHOT),
            service("rds:AddTagsToResource", "rds:CreateDBClusterSnapshot", DB_CLUSTER_SNAPSHOT));
    /**
     * replicationRoleRoute parameterGroup: the target's DB (cluster) parameter group read and set
     * (RdsInstances.parameterValue, setParameter), and its instance (an Aurora cluster's writer)
     * described and rebooted for a pending-reboot change.
     */
    static final List<AwsCall> RDS_PARAMETER_READ = List.of(code("rds:DescribeDBParameters", AwsResource.DB_PARAMETER_GROUP),
            code("rds:DescribeDBClusterParameters", AwsResource.DB_CLUSTER_PARAMETER_GROUP));
    static final List<AwsCall> RDS_PARAMETER_WRITE = List.of(
            code("rds:ModifyDBParameterGroup", AwsResource.DB_PARAMETER_GROUP),
            code("rds:ModifyDBClusterParameterGroup", AwsResource.DB_CLUSTER_PARAMETER_GROUP));
    static final List<AwsCall> RDS_REBOOT = List.of(code("rds:RebootDBInstance", DB_INSTANCE));
    /** CloudWatch's DMS metrics (CDCLatencySource/Target). */
    static final List<AwsCall> METRICS_READ = List.of(code("cloudwatch:GetMetricData", AwsResource.METRICS));
    /**
     * The Service Authorization Reference gives these no resource type, so "*"; a token is
     * needed anyway, and only the run store holds them.
     */
    static final List<AwsCall> TASK_CALLBACKS = List.of(code("states:SendTaskSuccess", NO_RESOURCE_TYPE),
            code("states:SendTaskFailure", NO_RESOURCE_TYPE));

    private static final Map<String, Step> STEPS = new LinkedHashMap<>();

    static {
        // promote-replica (statemachines/promote-replica.asl.json)
        // Pure: parses the input, touches nothing.
        add(PROMOTE_REPLICA, "ValidateInput", "ValidateInputHandler", "io.cutover.input.StartInputParser",
                512, 15, false, "Validates the start input");
        add(PROMOTE_REPLICA, "AcquireLock", "AcquireLockHandler", "io.cutover.runbook.AcquireLock",
                512, 30, false, "Takes the one-run-per-source lock", RUNS);
        add(PROMOTE_REPLICA, "Preflight", "PreflightHandler", "io.cutover.promote.Preflight",
                1024, 120, true, "Checks instances, DMS and CDC readiness", RUNS, APPMAP_READ, DATABASE_SECRETS,
                RDS_DESCRIBE, DMS_DESCRIBE_INSTANCES, DMS_DESCRIBE_ENDPOINTS);
        add(PROMOTE_REPLICA, "CheckLag", "CheckLagHandler", "io.cutover.promote.CheckLag",
                1024, 90, true, "Measures replica lag", RUNS, DATABASE_SECRETS);
        add(PROMOTE_REPLICA, "FreezeApplications", "FreezeApplicationsHandler", "io.cutover.runbook.FreezeApplications",
                512, 30, false, "Sets applications FROZEN", RUNS, APPMAP_WRITE);
        add(PROMOTE_REPLICA, "CheckReplicaSync", "CheckReplicaSyncHandler", "io.cutover.promote.CheckReplicaSync",
                1024, 90, true, "Compares source and replica positions", RUNS, DATABASE_SECRETS);
        add(PROMOTE_REPLICA, "PrepareLogicalSlot", "PrepareLogicalSlotHandler", "io.cutover.promote.PositionCapture",
                1024, 120, true, "Creates the PostgreSQL slot and publication before the freeze", RUNS, DATABASE_SECRETS);
        add(PROMOTE_REPLICA, "CapturePosition", "CapturePositionHandler", "io.cutover.promote.PositionCapture",
                1024, 120, true, "Captures the Oracle SCN inside the freeze", RUNS, DATABASE_SECRETS);
        add(PROMOTE_REPLICA, "PromoteReplica", "PromoteReplicaHandler", "io.cutover.promote.ReplicaPromotion",
                1024, 60, false, "PromoteReadReplica, once", RUNS, RDS_DESCRIBE, RDS_PROMOTE);
        add(PROMOTE_REPLICA, "CheckPromotion", "CheckPromotionHandler", "io.cutover.promote.ReplicaPromotion",
                1024, 60, false, "Describes the promoted replica", RUNS, RDS_DESCRIBE);
        add(PROMOTE_REPLICA, "ResolveStartPosition", "ResolveStartPositionHandler", "io.cutover.promote.PositionCapture",
                1024, 90, true, "Reads the fork LSN or captured SCN", RUNS, DATABASE_SECRETS);
        add(PROMOTE_REPLICA, "CreateSourceEndpoint", "CreateSourceEndpointHandler", "io.cutover.promote.SourceEndpointSetup",
                1024, 60, false, "Creates the run's tagged PostgreSQL source endpoint (SlotName, PluginName)", RUNS,
                DMS_DESCRIBE_ENDPOINTS, DMS_CREATE_ENDPOINT);
        add(PROMOTE_REPLICA, "CreateTargetEndpoint", "CreateTargetEndpointHandler", "io.cutover.promote.TargetEndpointSetup",
                1024, 60, false, "Creates the tagged DMS target endpoint", RUNS, DMS_DESCRIBE_ENDPOINTS,
                DMS_CREATE_ENDPOINT);
        add(PROMOTE_REPLICA, "TestTargetConnection", "TestTargetConnectionHandler", "io.cutover.promote.TargetEndpointSetup",
                1024, 60, false, "Starts the DMS connection tests (target, the run's source endpoint)", RUNS, DMS_DESCRIBE_ENDPOINTS, DMS_TEST_CONNECTION);
        add(PROMOTE_REPLICA, "CheckTargetConnection", "CheckTargetConnectionHandler", "io.cutover.promote.TargetEndpointSetup",
                1024, 60, false, "Reads the connection test", RUNS, DMS_DESCRIBE_ENDPOINTS);
        add(PROMOTE_REPLICA, "CreateCdcTask", "CreateCdcTaskHandler", "io.cutover.promote.CdcTaskSetup",
                1024, 60, false, "Creates the tagged CDC task", RUNS, DMS_DESCRIBE_TASKS, DMS_CREATE_TASK);
        add(PROMOTE_REPLICA, "StartCdcTask", "StartCdcTaskHandler", "io.cutover.promote.CdcTaskSetup",
                1024, 60, false, "Starts the CDC task", RUNS, DMS_DESCRIBE_TASKS, DMS_START_TASK);
        add(PROMOTE_REPLICA, "CheckCdcTask", "CheckCdcTaskHandler", "io.cutover.promote.CdcTaskSetup",
                1024, 60, false, "Describes the CDC task", RUNS, DMS_DESCRIBE_TASKS);
        add(PROMOTE_REPLICA, "ThawApplications", "ThawApplicationsHandler", "io.cutover.runbook.ThawApplications",
                512, 30, false, "Sets applications OPEN", RUNS, APPMAP_WRITE);
        add(PROMOTE_REPLICA, "CompleteRun", "CompleteRunHandler", "io.cutover.runbook.CompleteRun",
                512, 30, false, "Marks the run SUCCEEDED, releases the lock", RUNS);
        // JDBC: drops the run's unread logical slot and publication on the source (they retain WAL).
        add(PROMOTE_REPLICA, "Rollback", "RollbackHandler", "io.cutover.promote.Rollback",
                1024, 90, true, "Thaws, drops the run's unread slot and source endpoint, releases the lock, records the cause",
                RUNS, APPMAP_WRITE, DATABASE_SECRETS, DMS_DESCRIBE_TASKS, DMS_DELETE_ENDPOINT);

        // switchover / failback (statemachines/switchover.asl.json)
        add(SWITCHOVER, "SwitchoverValidateInput", "SwitchoverValidateInputHandler", "io.cutover.input.SwitchoverInputParser",
                512, 15, false, "Validates the switchover start input");
        add(SWITCHOVER, "SwitchoverAcquireLock", "SwitchoverAcquireLockHandler", "io.cutover.runbook.AcquireLock",
                512, 30, false, "Takes the one-run-per-pair lock", RUNS);
        add(SWITCHOVER, "SwitchoverPreflight", "SwitchoverPreflightHandler", "io.cutover.switchover.SwitchoverPreflight",
                1024, 120, true, "Checks tasks, endpoints, both sites and the appmap", RUNS, APPMAP_READ,
                DATABASE_SECRETS, DMS_DESCRIBE_INSTANCES, DMS_DESCRIBE_ENDPOINTS, DMS_DESCRIBE_TASKS);
        // Waits up to limits.maxLatencySeconds (at most 60) for its sentinel inside the call.
        add(SWITCHOVER, "CheckForwardLatency", "CheckForwardLatencyHandler", "io.cutover.switchover.CheckForwardLatency",
                1024, 90, true, "Measures forward CDC latency with a sentinel", RUNS, DATABASE_SECRETS);
        add(SWITCHOVER, "FreezeForSwitchover", "FreezeForSwitchoverHandler", "io.cutover.runbook.FreezeApplications",
                512, 30, false, "Sets applications FROZEN", RUNS, APPMAP_WRITE);
        add(SWITCHOVER, "Drain", "DrainHandler", "io.cutover.switchover.Drain",
                1024, 60, true, "Waits for the drain sentinel on the to-site", RUNS, DATABASE_SECRETS);
        add(SWITCHOVER, "SyncSequences", "SyncSequencesHandler", "io.cutover.switchover.SyncSequences",
                1024, 120, true, "Sets to-site sequences past the from-site's", RUNS, DATABASE_SECRETS);
        add(SWITCHOVER, "RestoreReplicationRole", "RestoreReplicationRoleHandler", "io.cutover.switchover.RestoreReplicationRole",
                1024, 60, true, "Resets session_replication_role to origin on the to-site", RUNS, DATABASE_SECRETS);
        add(SWITCHOVER, "CreateBackwardTask", "CreateBackwardTaskHandler", "io.cutover.switchover.BackwardTaskSetup",
                1024, 120, true, "Creates the slot and the tagged backward CDC task", RUNS, DATABASE_SECRETS,
                DMS_DESCRIBE_TASKS, DMS_CREATE_TASK);
        add(SWITCHOVER, "StartBackwardTask", "StartBackwardTaskHandler", "io.cutover.switchover.BackwardTaskSetup",
                1024, 60, true, "Starts the backward task from the to-site's position", RUNS, DATABASE_SECRETS,
                DMS_DESCRIBE_TASKS, DMS_START_TASK);
        add(SWITCHOVER, "CheckBackwardTask", "CheckBackwardTaskHandler", "io.cutover.switchover.BackwardTaskSetup",
                1024, 60, false, "Describes the backward task", RUNS, DMS_DESCRIBE_TASKS);
        add(SWITCHOVER, "RouteApplications", "RouteApplicationsHandler", "io.cutover.runbook.RouteApplications",
                512, 30, false, "Points applications at the to-site", RUNS, APPMAP_WRITE);
        add(SWITCHOVER, "ThawAfterSwitchover", "ThawAfterSwitchoverHandler", "io.cutover.runbook.ThawApplications",
                512, 30, false, "Sets applications OPEN on the to-site", RUNS, APPMAP_WRITE);
        add(SWITCHOVER, "VerifyBackwardFlow", "VerifyBackwardFlowHandler", "io.cutover.switchover.VerifyBackwardFlow",
                1024, 60, true, "Checks writes flow back to the from-site", RUNS, DATABASE_SECRETS);
        add(SWITCHOVER, "CompleteSwitchover", "CompleteSwitchoverHandler", "io.cutover.runbook.CompleteRun",
                512, 30, false, "Marks the run SUCCEEDED, releases the lock", RUNS);
        add(SWITCHOVER, "SwitchoverRollback", "SwitchoverRollbackHandler", "io.cutover.switchover.SwitchoverRollback",
                1024, 120, true, "Routes back, syncs sequences back if needed, thaws, releases the lock", RUNS,
                APPMAP_WRITE, DATABASE_SECRETS);
        add(MIGRATE, "RemoveS3Copy", "RemoveS3CopyHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 60, false, "Deletes the S3 task and endpoint a rolled-back run created", RUNS, DMS_DESCRIBE_TASKS,
                DMS_STOP_TASK, DMS_DELETE_TASK, DMS_DELETE_ENDPOINT);

        // migrate (statemachines/migrate.asl.json)
        add(MIGRATE, "MigrateValidateInput", "MigrateValidateInputHandler", "io.cutover.input.MigrateInputParser",
                512, 15, false, "Validates the migration start input");
        add(MIGRATE, "MigrateAcquireLock", "MigrateAcquireLockHandler", "io.cutover.runbook.AcquireLock",
                512, 30, false, "Takes the one-run-per-target lock", RUNS);
        add(MIGRATE, "LocateDatabases", "LocateDatabasesHandler", "io.cutover.migrate.run.DatabaseLocator",
                512, 30, false, "Reads source and target endpoints from RDS", RUNS, RDS_DESCRIBE, RDS_DESCRIBE_CLUSTERS);
        // Reads catalogs, then the largest LOB of every LOB column one table at a time within each call's
        // budget (CallBudgets); the Choice PreflightComplete calls it again until every LOB table is scanned.
        add(MIGRATE, "MigratePreflight", "MigratePreflightHandler", "io.cutover.migrate.run.MigratePreflight",
                1024, 290, true, "Checks DMS, CDC prerequisites, schemas and LOB sizes", RUNS, DATABASE_SECRETS,
                DMS_DESCRIBE_INSTANCES, DMS_DESCRIBE_ENDPOINTS);
        add(MIGRATE, "PrepareTarget", "PrepareTargetHandler", "io.cutover.migrate.run.PrepareTarget",
                1024, 120, true, "Records held-back objects, sets the apply user's role or the parameter group", RUNS,
                DATABASE_SECRETS, RDS_PARAMETER_READ, RDS_PARAMETER_WRITE);
        // replicationRoleRoute parameterGroup: polled until a new session on the target shows the value.
        add(MIGRATE, "CheckTargetParameter", "CheckTargetParameterHandler", "io.cutover.migrate.run.TargetParameterGroup",
                1024, 60, true, "Waits for the parameter group's replica role in a new session, reboots a cluster writer",
                RUNS, DATABASE_SECRETS, RDS_DESCRIBE, RDS_DESCRIBE_CLUSTERS, RDS_REBOOT);
        add(MIGRATE, "HoldBackObjects", "HoldBackObjectsHandler", "io.cutover.migrate.run.PrepareTarget",
                1024, 290, true, "Drops held-back indexes, foreign keys, triggers", RUNS, DATABASE_SECRETS);
        add(MIGRATE, "CreateMigrationTask", "CreateMigrationTaskHandler", "io.cutover.migrate.run.MigrationTaskSetup",
                1024, 60, false, "Creates the tagged full-load-and-cdc task", RUNS, DMS_DESCRIBE_TASKS, DMS_CREATE_TASK);
        add(MIGRATE, "StartMigrationTask", "StartMigrationTaskHandler", "io.cutover.migrate.run.MigrationTaskSetup",
                1024, 60, false, "Starts the migration task", RUNS, DMS_DESCRIBE_TASKS, DMS_START_TASK);
        add(MIGRATE, "CheckMigrationTask", "CheckMigrationTaskHandler", "io.cutover.migrate.run.MigrationTaskSetup",
                1024, 60, false, "Describes the migration task", RUNS, DMS_DESCRIBE_TASKS);
        // The S3 copy beside the database (input.s3Target): caught into S3CopyFailed, never rolled back.
        add(MIGRATE, "CreateS3TargetEndpoint", "CreateS3TargetEndpointHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 60, false, "Creates the tagged S3 target endpoint, tests it", RUNS, DMS_DESCRIBE_ENDPOINTS,
                DMS_CREATE_S3_ENDPOINT, DMS_TEST_CONNECTION);
        add(MIGRATE, "CheckS3TargetConnection", "CheckS3TargetConnectionHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 30, false, "Reads the S3 endpoint's connection test", RUNS, DMS_DESCRIBE_ENDPOINTS);
        add(MIGRATE, "CreateS3Task", "CreateS3TaskHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 60, false, "Creates the tagged S3 full-load-and-cdc task", RUNS, DMS_DESCRIBE_TASKS, DMS_CREATE_TASK);
        add(MIGRATE, "StartS3Task", "StartS3TaskHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 60, false, "Starts the S3 task", RUNS, DMS_DESCRIBE_TASKS, DMS_START_TASK);
        add(MIGRATE, "S3CopyFailed", "S3CopyFailedHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 30, false, "Records an S3 copy failure in the run item", RUNS);
        add(MIGRATE, "CheckS3Output", "CheckS3OutputHandler", "io.cutover.migrate.run.S3TargetCopy",
                1024, 290, false, "Counts the S3 files' rows against the source's", RUNS, DMS_DESCRIBE_TASKS,
                DMS_TABLE_STATISTICS, S3_TARGET_READ);
        add(MIGRATE, "StopS3Task", "StopS3TaskHandler", "io.cutover.migrate.run.S3TargetCopy",
                512, 60, false, "Stops the S3 task, waits for it", RUNS, DMS_DESCRIBE_TASKS, DMS_STOP_TASK);
        add(MIGRATE, "CheckFullLoad", "CheckFullLoadHandler", "io.cutover.migrate.run.FullLoadProgress",
                1024, 60, false, "Polls full-load progress per table", RUNS, DMS_DESCRIBE_TASKS, DMS_TABLE_STATISTICS);
        // Whole objects one at a time within each call's budget; HeldBackRestored calls it again. One index
        // build must still fit in one call (a build cannot outlive its connection): docs/MIGRATION.md.
        add(MIGRATE, "RestoreHeldBack", "RestoreHeldBackHandler", "io.cutover.migrate.run.RestoreHeldBack",
                1024, 290, true, "Recreates held-back objects", RUNS, DATABASE_SECRETS);
        // ValidateData and FinalValidation checkpoint within each call's budget (ValidationComplete,
        // FinalValidationComplete call them again; no Wait inside the freeze).
        add(MIGRATE, "ValidateData", "ValidateDataHandler", "io.cutover.migrate.run.MigrationDataCheck",
                2048, 290, true, "DMS and own validation while CDC flows", RUNS, DATABASE_SECRETS, DMS_DESCRIBE_TASKS,
                DMS_TABLE_STATISTICS);
        add(MIGRATE, "SnapshotSource", "SnapshotSourceHandler", "io.cutover.migrate.run.SourceSnapshot",
                512, 60, false, "Requests the source snapshot once", RUNS, RDS_DESCRIBE_SNAPSHOTS, RDS_CREATE_SNAPSHOTS);
        add(MIGRATE, "CheckSnapshot", "CheckSnapshotHandler", "io.cutover.migrate.run.SourceSnapshot",
                512, 60, false, "Describes the source snapshot", RUNS, RDS_DESCRIBE_SNAPSHOTS);
        // afterCutover twoWayDoor: the switchover's backward task steps over the migration's pair.
        add(MIGRATE, "CreateTwoWayDoorTask", "CreateTwoWayDoorTaskHandler", "io.cutover.migrate.run.TwoWayDoorHandover",
                1024, 120, true, "Creates the target's slot and the tagged backward CDC task", RUNS, DATABASE_SECRETS,
                DMS_DESCRIBE_TASKS, DMS_CREATE_TASK);
        add(MIGRATE, "StartTwoWayDoorTask", "StartTwoWayDoorTaskHandler", "io.cutover.migrate.run.TwoWayDoorHandover",
                1024, 60, true, "Starts the backward task from the target's position, polls it", RUNS, DATABASE_SECRETS,
                DMS_DESCRIBE_TASKS, DMS_START_TASK);
        add(MIGRATE, "VerifyTwoWayDoorFlow", "VerifyTwoWayDoorFlowHandler", "io.cutover.migrate.run.TwoWayDoorHandover",
                1024, 60, true, "Checks writes on the target flow back to the source", RUNS, DATABASE_SECRETS);
        add(MIGRATE, "CheckCdcLatency", "CheckCdcLatencyHandler", "io.cutover.migrate.run.CdcLatencyGate",
                1024, 120, true, "Reads CDC latency and a sentinel trip", RUNS, DATABASE_SECRETS, DMS_DESCRIBE_TASKS,
                METRICS_READ);
        add(MIGRATE, "FreezeForCutover", "FreezeForCutoverHandler", "io.cutover.runbook.FreezeApplications",
                512, 30, false, "Sets applications FROZEN", RUNS, APPMAP_WRITE);
        add(MIGRATE, "DrainMigration", "DrainMigrationHandler", "io.cutover.migrate.run.MigrationCutover",
                1024, 120, true, "Waits for the drain sentinel on the target", RUNS, DATABASE_SECRETS);
        add(MIGRATE, "SyncTargetSequences", "SyncTargetSequencesHandler", "io.cutover.migrate.run.SyncTargetSequences",
                1024, 120, true, "Sets target sequences past the source's", RUNS, DATABASE_SECRETS);
        add(MIGRATE, "FinalValidation", "FinalValidationHandler", "io.cutover.migrate.run.MigrationDataCheck",
                2048, 290, true, "Validation inside the freeze", RUNS, DATABASE_SECRETS, DMS_DESCRIBE_TASKS,
                DMS_TABLE_STATISTICS);
        add(MIGRATE, "RestoreTargetRole", "RestoreTargetRoleHandler", "io.cutover.migrate.run.MigrationCutover",
                1024, 60, true, "Resets the apply user's session_replication_role or the parameter group", RUNS,
                DATABASE_SECRETS, RDS_PARAMETER_WRITE);
        add(MIGRATE, "CheckTargetParameterRestored", "CheckTargetParameterRestoredHandler",
                "io.cutover.migrate.run.TargetParameterGroup", 1024, 60, true,
                "Waits for the parameter group's restored role in a new session, reboots a cluster writer", RUNS,
                DATABASE_SECRETS, RDS_DESCRIBE, RDS_DESCRIBE_CLUSTERS, RDS_REBOOT);
        add(MIGRATE, "RouteToTarget", "RouteToTargetHandler", "io.cutover.runbook.RouteApplications",
                512, 30, false, "Points applications at the target", RUNS, APPMAP_WRITE);
        add(MIGRATE, "ThawAfterCutover", "ThawAfterCutoverHandler", "io.cutover.runbook.ThawApplications",
                512, 30, false, "Sets applications OPEN on the target", RUNS, APPMAP_WRITE);
        add(MIGRATE, "VerifyTargetWrites", "VerifyTargetWritesHandler", "io.cutover.migrate.run.MigrationCutover",
                1024, 60, true, "Writes and reads back on the target", RUNS, DATABASE_SECRETS);
        add(MIGRATE, "StopMigrationTask", "StopMigrationTaskHandler", "io.cutover.migrate.run.MigrationCutover",
                512, 60, false, "Stops the migration task", RUNS, DMS_DESCRIBE_TASKS, DMS_STOP_TASK);
        add(MIGRATE, "CompleteMigration", "CompleteMigrationHandler", "io.cutover.runbook.CompleteRun",
                512, 30, false, "Marks the run SUCCEEDED, releases the lock", RUNS);
        add(MIGRATE, "MigrateRollback", "MigrateRollbackHandler", "io.cutover.migrate.run.MigrateRollback",
                1024, 290, true, "Routes back, restores the target's role and held-back objects, thaws", RUNS,
                APPMAP_WRITE, DATABASE_SECRETS, RDS_PARAMETER_WRITE, RDS_DESCRIBE, RDS_REBOOT);

        // operations: shared waits, events, status, appmap administration
        add(OPERATIONS, "AwaitResource", "AwaitResourceHandler", "io.cutover.waiting.ResourceWaits",
                1024, 60, false, "Stores the task token; completes it if the resource is already there", RUNS,
                RDS_DESCRIBE, DMS_DESCRIBE_TASKS, TASK_CALLBACKS);
        add(OPERATIONS, "ResourceEvent", "ResourceEventHandler", EVENT_RULE, "io.cutover.waiting.ResourceWaits",
                1024, 60, false, "EventBridge target: wakes waiters on RDS/DMS events", RUNS, RDS_DESCRIBE,
                DMS_DESCRIBE_TASKS, TASK_CALLBACKS);
        add(OPERATIONS, "AppMapAdmin", "AppMapAdminHandler", OPERATOR, "io.cutover.appmap.admin.AppMapAdmin",
                512, 60, false, "Loads, lists and shows appmap entries (operators)", APPMAP_WRITE);
        // Read-only, JDBC to both databases (VPC); sections have 20 s deadlines in three rounds.
        add(OPERATIONS, "Status", "StatusHandler", OPERATOR, "io.cutover.status.StatusCollector",
                1024, 90, true, "Read-only status of a pair, its DMS tasks, run and applications", RUNS_READ,
                APPMAP_READ, DATABASE_SECRETS, RDS_DESCRIBE, DMS_DESCRIBE_ENDPOINTS, DMS_DESCRIBE_TASKS,
                DMS_TABLE_STATISTICS, METRICS_READ);
    }

    /** The EventBridge target. */
    public static final String RESOURCE_EVENT = "ResourceEvent";
    /** Appmap administration for operators. */
    public static final String APPMAP_ADMIN = "AppMapAdmin";
    /** The read-only status function operators invoke. */
    public static final String STATUS = "Status";

    private StepCatalog() {
    }

    @SafeVarargs
    private static void add(HandlerGroup group, String name, String handler, String useCase, int memoryMb,
                            int timeoutSeconds, boolean jdbc, String purpose, List<AwsCall>... calls) {
        add(group, name, handler, STATE_MACHINE, useCase, memoryMb, timeoutSeconds, jdbc, purpose, calls);
    }

    @SafeVarargs
    private static void add(HandlerGroup group, String name, String handler, Invocation invocation, String useCase,
                            int memoryMb, int timeoutSeconds, boolean jdbc, String purpose, List<AwsCall>... calls) {
        List<AwsCall> all = new ArrayList<>();
        Arrays.stream(calls).forEach(all::addAll);
        Step step = new Step(name, group, handler, useCase, purpose, memoryMb, timeoutSeconds, jdbc,
                invocation, distinct(all));
        if (STEPS.putIfAbsent(name, step) != null) throw new IllegalStateException("step listed twice: " + name);
    }

    /** Bundles overlap (RUNS and APPMAP both read with GetItem, on different tables): keep each call once. */
    private static List<AwsCall> distinct(List<AwsCall> calls) {
        return calls.stream().distinct().toList();
    }

    private static List<AwsCall> concat(List<AwsCall> a, List<AwsCall> b) {
        List<AwsCall> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    public static Optional<Step> find(String name) {
        return Optional.ofNullable(STEPS.get(name));
    }

    /** The step, or an error saying where the name came from and what to add. */
    public static Step require(String name, String usedBy) {
        return find(name).orElseThrow(() -> new IllegalStateException("Step '" + name + "' (used by " + usedBy
                + ") has no entry in " + StepCatalog.class.getName()
                + ": add its handler, use case, memory, timeout, VPC need and AWS calls there"));
    }

    public static List<Step> all() {
        return List.copyOf(STEPS.values());
    }

    /** Steps that open JDBC connections and therefore run in the VPC. */
    public static List<String> jdbcSteps() {
        return STEPS.values().stream().filter(Step::jdbc).map(Step::name).toList();
    }

    /** Steps no state machine invokes (they are deployed whatever the ASL files say). */
    public static List<Step> outsideStateMachines() {
        return STEPS.values().stream().filter(s -> s.invocation() != STATE_MACHINE).toList();
    }

    /** Names of the given steps, in catalog order. */
    public static List<String> names(Collection<Step> steps) {
        return steps.stream().map(Step::name).toList();
    }
}
