package io.cutover.testing;

import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.Replication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Stand-in for DMS in unit tests: endpoints, tests and tasks in maps; every create/start recorded. */
public final class FakeReplication implements Replication {
    public final Map<String, String> instanceStatus = new ConcurrentHashMap<>();
    public final Map<String, String> slotNames = new ConcurrentHashMap<>();
    /** PluginName of PostgreSQL source endpoints, as decoder names; absent: test_decoding (DMS's test-decoding). */
    public final Map<String, String> plugins = new ConcurrentHashMap<>();
    public final Map<String, EndpointDescription> endpoints = new ConcurrentHashMap<>();
    public final Map<String, ConnectionStatus> connections = new ConcurrentHashMap<>();
    public final Map<String, TaskDescription> tasks = new ConcurrentHashMap<>();
    public final List<EndpointSpec> createdEndpoints = new ArrayList<>();
    public final List<TaskSpec> createdTasks = new ArrayList<>();
    public final List<String> startedTasks = new ArrayList<>();
    public final List<String> deletedEndpoints = new ArrayList<>();
    /** The CdcStartPosition each StartReplicationTask carried, in order. */
    public final List<String> startPositions = new ArrayList<>();
    /** The CdcStartPosition each task was last started with. */
    public final Map<String, String> startPositionByTask = new ConcurrentHashMap<>();
    public final List<String> testedEndpoints = new ArrayList<>();
    public final List<String> stoppedTasks = new ArrayList<>();
    /** DescribeTableStatistics answers by task ARN, as the test sets them. */
    public final Map<String, List<TableStatistic>> tableStatistics = new ConcurrentHashMap<>();
    public final List<String> deletedTasks = new ArrayList<>();
    /** Source and target endpoint of each task (created tasks get theirs from the spec). */
    public final Map<String, List<String>> taskEndpoints = new ConcurrentHashMap<>();
    /** Tags by ARN: what createEndpoint/createTask tag (cutover:managed, cutover:run-id), or as the test sets them. */
    public final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    /** ReplicationTaskSettings by task ARN (created tasks get theirs from the spec). */
    public final Map<String, String> settings = new ConcurrentHashMap<>();

    /** An available replication instance and a source endpoint that tested successful from it. */
    public static FakeReplication ready(String instanceArn, String sourceEndpointArn, String sourceEndpointId) {
        FakeReplication dms = new FakeReplication();
        dms.instanceStatus.put(instanceArn, "available");
        dms.addEndpoint(sourceEndpointArn, sourceEndpointId, "source");
        dms.connections.put(instanceArn + "|" + sourceEndpointArn, new ConnectionStatus("successful", null));
        return dms;
    }

    public void addEndpoint(String arn, String id, String type) {
        endpoints.put(arn, new EndpointDescription(arn, id, type, "postgres", "active"));
    }

    public void setTask(String arn, String status) {
        TaskDescription t = tasks.get(arn);
        tasks.put(arn, new TaskDescription(arn, t.identifier(), status, t.stopReason(), t.lastFailureMessage(),
                t.cdcStartPosition(), t.fullLoadProgressPercent(), t.migrationType(), t.tables()));
    }

    /** A full load's progress as DescribeReplicationTasks reports it. */
    public void setFullLoad(String arn, int percent, TaskDescription.TableCounts tables) {
        TaskDescription t = tasks.get(arn);
        tasks.put(arn, new TaskDescription(arn, t.identifier(), t.status(), t.stopReason(), t.lastFailureMessage(),
                t.cdcStartPosition(), percent, t.migrationType(), tables));
    }

    @Override
    public Optional<String> replicationInstanceStatus(String arn) {
        return Optional.ofNullable(instanceStatus.get(arn));
    }

    @Override
    public Optional<EndpointDescription> describeEndpoint(String arn) {
        return Optional.ofNullable(endpoints.get(arn));
    }

    @Override
    public Optional<EndpointDescription> findEndpointByIdentifier(String id) {
        return endpoints.values().stream().filter(e -> e.identifier().equals(id)).findFirst();
    }

    @Override
    public Optional<PostgresSlotSettings> postgresSlotSettings(String endpointArn) {
        if (!endpoints.containsKey(endpointArn)) return Optional.empty();
        return Optional.of(new PostgresSlotSettings(slotNames.get(endpointArn), plugins.getOrDefault(endpointArn, "test_decoding")));
    }

    @Override
    public synchronized String createEndpoint(EndpointSpec spec) {
        createdEndpoints.add(spec);
        String arn = "arn:aws:dms:eu-west-1:123456789012:endpoint:E" + createdEndpoints.size();
        endpoints.put(arn, new EndpointDescription(arn, spec.identifier(), spec.type().name().toLowerCase(),
                spec.engine().dmsEngineName(), "active"));
        tags.put(arn, io.cutover.replication.ManagedTags.of(spec.runId()));
        return arn;
    }

    /** S3 target endpoints created (also in {@link #endpoints}, engine s3). */
    public final List<io.cutover.replication.S3EndpointSpec> createdS3Endpoints = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public synchronized String createS3Endpoint(io.cutover.replication.S3EndpointSpec spec) {
        createdS3Endpoints.add(spec);
        String arn = "arn:aws:dms:eu-west-1:123456789012:endpoint:S" + createdS3Endpoints.size();
        endpoints.put(arn, new EndpointDescription(arn, spec.identifier(), "target", "s3", "active"));
        return arn;
    }

    @Override
    public synchronized void deleteEndpoint(String endpointArn) {
        deletedEndpoints.add(endpointArn);
        endpoints.remove(endpointArn);
    }

    @Override
    public synchronized void testConnection(String instanceArn, String endpointArn) {
        testedEndpoints.add(endpointArn);
        connections.put(instanceArn + "|" + endpointArn, new ConnectionStatus("testing", null));
    }

    @Override
    public Optional<ConnectionStatus> connectionStatus(String instanceArn, String endpointArn) {
        return Optional.ofNullable(connections.get(instanceArn + "|" + endpointArn));
    }

    @Override
    public Optional<TaskDescription> describeTask(String arn) {
        TaskDescription t = tasks.get(arn);
        if (t != null && "starting".equals(t.status()) && runningOnceAsked.test(t)) {
            setTask(arn, "running");
        }
        return Optional.ofNullable(tasks.get(arn));
    }

    @Override
    public Optional<TaskDescription> findTaskByIdentifier(String id) {
        return tasks.values().stream().filter(t -> t.identifier().equals(id)).findFirst();
    }

    @Override
    public synchronized TaskDescription createTask(TaskSpec spec) {
        createdTasks.add(spec);
        String arn = "arn:aws:dms:eu-west-1:123456789012:task:T" + createdTasks.size();
        TaskDescription t = new TaskDescription(arn, spec.identifier(), "creating", null, null, spec.cdcStartPosition(), null,
                spec.migrationType(), null);
        tasks.put(arn, t);
        taskEndpoints.put(arn, List.of(spec.sourceEndpointArn(), spec.targetEndpointArn()));
        tags.put(arn, io.cutover.replication.ManagedTags.of(spec.runId()));
        if (spec.settingsJson() != null) settings.put(arn, spec.settingsJson());
        return t;
    }

    @Override
    public Optional<String> taskSettings(String arn) {
        return Optional.ofNullable(settings.get(arn));
    }

    /**
     * The started tasks that are running by the first DescribeReplicationTasks after the start, as
     * DMS mostly is ({@code task -> true}); the others stay starting until the test moves them.
     */
    public volatile Predicate<TaskDescription> runningOnceAsked = task -> false;

    @Override
    public synchronized void startTask(String arn, String position) {
        startedTasks.add(arn);
        startPositions.add(position);
        if (position != null) startPositionByTask.put(arn, position);
        setTask(arn, "starting");
    }

    @Override
    public synchronized void stopTask(String arn) {
        stoppedTasks.add(arn);
        setTask(arn, "stopping");
    }

    /** As DMS: a running (or starting, stopping) task is refused; an absent one is nothing to do. */
    @Override
    public synchronized void deleteTask(String arn) {
        TaskDescription t = tasks.get(arn);
        if (t == null) return;
        if (Set.of("running", "starting", "stopping", "modifying").contains(t.status())) {
            throw new IllegalStateException("InvalidResourceStateFault: task " + t.identifier() + " is " + t.status());
        }
        deletedTasks.add(arn);
        setTask(arn, "deleting");
    }

    /** The task a DeleteReplicationTask was deleting is gone. */
    public void finishDeleting(String arn) {
        tasks.remove(arn);
        taskEndpoints.remove(arn);
    }

    @Override
    public List<TaskDescription> tasksUsingEndpoint(String endpointArn) {
        return taskEndpoints.entrySet().stream().filter(e -> e.getValue().contains(endpointArn))
                .map(e -> tasks.get(e.getKey())).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public Map<String, String> tags(String resourceArn) {
        return tags.getOrDefault(resourceArn, Map.of());
    }

    @Override
    public List<TableStatistic> tableStatistics(String taskArn) {
        return tableStatistics.getOrDefault(taskArn, List.of());
    }
}
