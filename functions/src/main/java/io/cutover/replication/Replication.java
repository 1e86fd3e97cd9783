package io.cutover.replication;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: DMS (replication instance, endpoints, connection tests, tasks). Locally: logical replication. */
public interface Replication {

    /** Status of the replication instance (e.g. "available"); empty if it does not exist. */
    Optional<String> replicationInstanceStatus(String replicationInstanceArn);

    Optional<EndpointDescription> describeEndpoint(String endpointArn);

    Optional<EndpointDescription> findEndpointByIdentifier(String identifier);

    /**
     * PostgreSQL source endpoints: the logical slot the endpoint reads and its decoder (SlotName,
     * PluginName); empty if the endpoint does not exist or has no PostgreSQL settings. Without a
     * SlotName DMS makes its own slot at task start, too late for a CDC start position before it.
     */
    Optional<PostgresSlotSettings> postgresSlotSettings(String endpointArn);

    /** Creates the endpoint; returns its ARN. */
    String createEndpoint(EndpointSpec spec);

    /**
     * Creates an S3 target endpoint (a copy beside the database, off the cutover's critical path);
     * returns its ARN.
     */
    String createS3Endpoint(S3EndpointSpec spec);

    /**
     * DeleteEndpoint: the run's own endpoint once nothing uses it (DMS refuses to delete an
     * endpoint a task still uses). Absent already: nothing to do.
     */
    void deleteEndpoint(String endpointArn);

    /** Starts a connection test (TestConnection). */
    void testConnection(String replicationInstanceArn, String endpointArn);

    /** The latest connection test of the endpoint from the instance; empty if never tested. */
    Optional<ConnectionStatus> connectionStatus(String replicationInstanceArn, String endpointArn);

    Optional<TaskDescription> describeTask(String taskArn);

    Optional<TaskDescription> findTaskByIdentifier(String identifier);

    TaskDescription createTask(TaskSpec spec);

    /**
     * StartReplicationTask with start-replication at the task's CDC start position; a
     * full-load-and-cdc task is started with a null position (the load begins now).
     */
    void startTask(String taskArn, String cdcStartPosition);

    /** StopReplicationTask; the task passes through stopping to stopped (seen with describeTask). */
    void stopTask(String taskArn);

    /**
     * DeleteReplicationTask: DMS refuses a running task (stop it first and wait for stopped); the
     * task passes through deleting until describeTask finds nothing. Absent already: nothing to do.
     */
    void deleteTask(String taskArn);

    /** The tasks whose source or target is this endpoint (DescribeReplicationTasks, filter endpoint-arn). */
    List<TaskDescription> tasksUsingEndpoint(String endpointArn);

    /**
     * The tags of an endpoint or task (ListTagsForResource): what a run creates carries
     * cutover:managed=true and cutover:run-id; empty if the resource does not exist.
     */
    Map<String, String> tags(String resourceArn);

    /**
     * Per-table statistics of a task (DescribeTableStatistics): full-load state and rows, changes
     * applied, DMS's validation state. There is no full-load-finished event: this and the task's
     * progress are how a run sees the load end.
     */
    List<TableStatistic> tableStatistics(String taskArn);

    /**
     * The task's settings JSON (ReplicationTaskSettings), to check two-way set-up such as
     * loopback prevention; empty if the task does not exist or the adapter cannot tell.
     */
    default Optional<String> taskSettings(String taskArn) {
        return Optional.empty();
    }
}
