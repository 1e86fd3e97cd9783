package io.cutover.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;

/**
 * The AWS requests each port method sends through its AWS adapter, as IAM actions (on a table:
 * "action@RUNS_TABLE"). AdapterCallsTest proves each entry by running the adapter against the
 * recording stubs (StubAws, DynamoDB Local); RecordingPorts uses it to turn the port calls of
 * the step tests into each step's AWS calls.
 */
public final class PortCalls {
    /**
     * Every method of these ports may read the connection's Secrets Manager secret, and reaches
     * AWS no other way (the JDBC adapters hold no AWS client: AdapterCallsTest).
     */
    static final Set<String> SECRET_READING_PORTS = Set.of("SourceProbe", "SiteDatabase", "DatabaseStatusProbe");
    static final String GET_SECRET = "secretsmanager:GetSecretValue";

    /** "Port.method" -> IAM actions. */
    public static final Map<String, Set<String>> ACTIONS = Map.ofEntries(
            entry("DatabaseInstances.describe", Set.of("rds:DescribeDBInstances")),
            entry("DatabaseInstances.promote", Set.of("rds:PromoteReadReplica")),
            entry("DatabaseInstances.describeCluster", Set.of("rds:DescribeDBClusters")),
            entry("DatabaseInstances.createInstanceSnapshot", Set.of("rds:CreateDBSnapshot")),
            entry("DatabaseInstances.createClusterSnapshot", Set.of("rds:CreateDBClusterSnapshot")),
            entry("DatabaseInstances.describeInstanceSnapshot", Set.of("rds:DescribeDBSnapshots")),
            entry("DatabaseInstances.describeClusterSnapshot", Set.of("rds:DescribeDBClusterSnapshots")),
            entry("DatabaseInstances.parameterValue", Set.of("rds:DescribeDBParameters", "rds:DescribeDBClusterParameters")),
            entry("DatabaseInstances.setParameter", Set.of("rds:ModifyDBParameterGroup", "rds:ModifyDBClusterParameterGroup")),
            entry("DatabaseInstances.reboot", Set.of("rds:RebootDBInstance")),
            entry("Replication.replicationInstanceStatus", Set.of("dms:DescribeReplicationInstances")),
            entry("Replication.describeEndpoint", Set.of("dms:DescribeEndpoints")),
            entry("Replication.findEndpointByIdentifier", Set.of("dms:DescribeEndpoints")),
            entry("Replication.postgresSlotSettings", Set.of("dms:DescribeEndpoints")),
            entry("Replication.deleteEndpoint", Set.of("dms:DeleteEndpoint")),
            entry("Replication.createEndpoint", Set.of("dms:CreateEndpoint")),
            entry("Replication.createS3Endpoint", Set.of("dms:CreateEndpoint")),
            entry("Replication.testConnection", Set.of("dms:TestConnection")),
            entry("Replication.connectionStatus", Set.of("dms:DescribeConnections")),
            entry("Replication.describeTask", Set.of("dms:DescribeReplicationTasks")),
            entry("Replication.findTaskByIdentifier", Set.of("dms:DescribeReplicationTasks")),
            entry("Replication.taskSettings", Set.of("dms:DescribeReplicationTasks")),
            entry("Replication.createTask", Set.of("dms:CreateReplicationTask")),
            entry("Replication.startTask", Set.of("dms:StartReplicationTask")),
            entry("Replication.stopTask", Set.of("dms:StopReplicationTask")),
            entry("Replication.deleteTask", Set.of("dms:DeleteReplicationTask")),
            // ListObjectsV2 is authorized as s3:ListBucket.
            entry("S3Objects.list", Set.of("s3:ListBucket")),
            entry("S3Objects.open", Set.of("s3:GetObject")),
            entry("Replication.tasksUsingEndpoint", Set.of("dms:DescribeReplicationTasks")),
            entry("Replication.tags", Set.of("dms:ListTagsForResource")),
            entry("Replication.tableStatistics", Set.of("dms:DescribeTableStatistics")),
            entry("TaskMetrics.cdcLatency", Set.of("cloudwatch:GetMetricData")),
            entry("TaskCallbacks.succeed", Set.of("states:SendTaskSuccess")),
            entry("TaskCallbacks.fail", Set.of("states:SendTaskFailure")),
            entry("Secrets.credentials", Set.of(GET_SECRET)),
            entry("Secrets.keyNames", Set.of(GET_SECRET)),
            entry("ReplicationStatus.endpoints", Set.of("dms:DescribeEndpoints", "dms:DescribeConnections")),
            entry("ReplicationStatus.tasks", Set.of("dms:DescribeReplicationTasks")),
            entry("ReplicationStatus.tableStatistics", Set.of("dms:DescribeTableStatistics")),
            entry("RunStore.createRun", Set.of("dynamodb:PutItem@RUNS_TABLE")),
            entry("RunStore.run", Set.of("dynamodb:GetItem@RUNS_TABLE")),
            entry("RunStore.recordStep", Set.of("dynamodb:UpdateItem@RUNS_TABLE")),
            entry("RunStore.recordSteps", Set.of("dynamodb:UpdateItem@RUNS_TABLE")),
            entry("RunStore.recordResource", Set.of("dynamodb:UpdateItem@RUNS_TABLE")),
            entry("RunStore.recordResources", Set.of("dynamodb:UpdateItem@RUNS_TABLE")),
            entry("RunStore.recordPosition", Set.of("dynamodb:UpdateItem@RUNS_TABLE")),
            entry("RunStore.finish", Set.of("dynamodb:UpdateItem@RUNS_TABLE")),
            // A refusal names the holder; a vanished holder is read once more.
            entry("RunStore.acquireLock", Set.of("dynamodb:PutItem@RUNS_TABLE", "dynamodb:GetItem@RUNS_TABLE")),
            entry("RunStore.releaseLock", Set.of("dynamodb:DeleteItem@RUNS_TABLE")),
            entry("RunStore.lockHolder", Set.of("dynamodb:GetItem@RUNS_TABLE")),
            entry("RunStore.saveWaiter", Set.of("dynamodb:PutItem@RUNS_TABLE")),
            entry("RunStore.waiters", Set.of("dynamodb:Query@RUNS_TABLE")),
            entry("RunStore.removeWaiter", Set.of("dynamodb:UpdateItem@RUNS_TABLE", "dynamodb:DeleteItem@RUNS_TABLE")),
            entry("AppMap.get", Set.of("dynamodb:GetItem@APPMAP_TABLE")),
            entry("AppMap.list", Set.of("dynamodb:Scan@APPMAP_TABLE")),
            entry("AppMap.put", Set.of("dynamodb:PutItem@APPMAP_TABLE")),
            entry("AppMap.update", Set.of("dynamodb:PutItem@APPMAP_TABLE")),
            // The optimistic read-change-write loop: get, then a conditional put (again on a conflict).
            entry("AppMap.change", Set.of("dynamodb:GetItem@APPMAP_TABLE", "dynamodb:PutItem@APPMAP_TABLE")));

    private PortCalls() {
    }

    /** The actions of a port method; the factories (SourceProbes.forEngine, ...) send nothing. */
    public static Set<String> of(Class<?> port, String method) {
        if (SECRET_READING_PORTS.contains(port.getSimpleName())) return Set.of(GET_SECRET);
        if (method.equals("forEngine")) return Set.of();
        Set<String> actions = ACTIONS.get(port.getSimpleName() + "." + method);
        if (actions == null) {
            throw new AssertionError("no AWS calls known for " + port.getSimpleName() + "." + method
                    + ": add them to " + PortCalls.class.getName() + " (AdapterCallsTest proves them)");
        }
        return actions;
    }

    /** How a declared call compares with these: the action, and the table for DynamoDB. */
    public static String key(AwsCall call) {
        List<AwsResource> tables = call.resources().stream()
                .filter(r -> r == AwsResource.RUNS_TABLE || r == AwsResource.APPMAP_TABLE).toList();
        return tables.isEmpty() ? call.action() : call.action() + "@" + tables.get(0).name();
    }

    /** The keys of a step's calls made by its code. */
    static Set<String> declared(Step step) {
        Set<String> keys = new TreeSet<>();
        step.calls().stream().filter(c -> c.origin() == AwsCall.Origin.CODE).forEach(c -> keys.add(key(c)));
        return keys;
    }
}
