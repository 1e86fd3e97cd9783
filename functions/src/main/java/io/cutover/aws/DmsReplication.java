package io.cutover.aws;

import io.cutover.instance.Engine;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.ManagedTags;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.S3EndpointSpec;
import io.cutover.replication.Replication;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.CreateEndpointRequest;
import software.amazon.awssdk.services.databasemigration.model.Endpoint;
import software.amazon.awssdk.services.databasemigration.model.Filter;
import software.amazon.awssdk.services.databasemigration.model.MigrationTypeValue;
import software.amazon.awssdk.services.databasemigration.model.ReplicationEndpointTypeValue;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTask;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;
import software.amazon.awssdk.services.databasemigration.model.StartReplicationTaskTypeValue;
import software.amazon.awssdk.services.databasemigration.model.Tag;

/**
 * {@link Replication} on AWS DMS.
 *
 * <p>DMS answers a Describe* whose filter matches nothing with ResourceNotFoundFault (and an
 * empty list is possible too): both mean "not there".
 */
public final class DmsReplication implements Replication {

    static final String SERVICE = "DMS";
    static final String RUN_ID_TAG = ManagedTags.RUN_ID;
    static final String MANAGED_TAG = ManagedTags.MANAGED;

    private final DatabaseMigrationClient dms;

    public DmsReplication(DatabaseMigrationClient dms) {
        this.dms = dms;
    }

    @Override
    public Optional<String> replicationInstanceStatus(String replicationInstanceArn) {
        return describe("DescribeReplicationInstances", () -> dms.describeReplicationInstances(
                        r -> r.filters(filter("replication-instance-arn", replicationInstanceArn)))
                .replicationInstances().stream().findFirst()
                .map(i -> i.replicationInstanceStatus()));
    }

    @Override
    public Optional<EndpointDescription> describeEndpoint(String endpointArn) {
        return findEndpoint("endpoint-arn", endpointArn);
    }

    @Override
    public Optional<EndpointDescription> findEndpointByIdentifier(String identifier) {
        return findEndpoint("endpoint-id", identifier);
    }

    @Override
    public Optional<PostgresSlotSettings> postgresSlotSettings(String endpointArn) {
        return describe("DescribeEndpoints", () -> dms.describeEndpoints(r -> r.filters(filter("endpoint-arn", endpointArn)))
                .endpoints().stream().findFirst()
                .map(Endpoint::postgreSQLSettings)
                .map(pg -> new PostgresSlotSettings(pg.slotName() == null || pg.slotName().isBlank() ? null : pg.slotName(),
                        PostgresSlotSettings.fromDmsPluginName(pg.pluginNameAsString()))));
    }

    private Optional<EndpointDescription> findEndpoint(String filterName, String value) {
        return describe("DescribeEndpoints", () -> dms.describeEndpoints(r -> r.filters(filter(filterName, value)))
                .endpoints().stream().findFirst().map(DmsReplication::toDescription));
    }

    /**
     * Credentials come only from the secret: with SecretsManagerSecretId DMS takes user, password,
     * host and port from the secret, and refuses ServerName/Port/Username/Password beside it.
     */
    @Override
    public String createEndpoint(EndpointSpec spec) {
        boolean source = spec.type() == EndpointSpec.EndpointType.SOURCE;
        if (spec.slotName() != null && !(source && spec.engine() == Engine.POSTGRES)) {
            throw new IllegalArgumentException("slotName is for PostgreSQL source endpoints only: " + spec.identifier());
        }
        CreateEndpointRequest.Builder request = CreateEndpointRequest.builder()
                .endpointIdentifier(spec.identifier())
                .endpointType(source ? ReplicationEndpointTypeValue.SOURCE : ReplicationEndpointTypeValue.TARGET)
                .engineName(spec.engine().dmsEngineName())
                .databaseName(spec.database())
                .tags(managedTags(spec.runId()));
        if (spec.secretsManagerEndpointOverride() != null) {
            // A replication instance in a private subnet reaches Secrets Manager through a VPC endpoint.
            request.extraConnectionAttributes("secretsManagerEndpointOverride=" + spec.secretsManagerEndpointOverride());
        }
        switch (spec.engine()) {
            case POSTGRES -> request.postgreSQLSettings(s -> {
                s.secretsManagerSecretId(spec.secretArn()).secretsManagerAccessRoleArn(spec.secretAccessRoleArn());
                if (spec.slotName() != null) {
                    // An existing slot fixes the decoder: DMS must decode it with the plugin it was made with.
                    s.slotName(spec.slotName()).pluginName(PostgresSlotSettings.dmsPluginName(spec.plugin()));
                }
            });
            case ORACLE -> request.oracleSettings(s -> s
                    .secretsManagerSecretId(spec.secretArn()).secretsManagerAccessRoleArn(spec.secretAccessRoleArn()));
        }
        return call("CreateEndpoint", () -> dms.createEndpoint(request.build()).endpoint().endpointArn());
    }

    /**
     * An S3 target: no secret (DMS writes with the service access role), the settings in S3Settings
     * with the API model's values (DataFormat, EncryptionMode lower-case).
     */
    @Override
    public String createS3Endpoint(S3EndpointSpec spec) {
        CreateEndpointRequest request = CreateEndpointRequest.builder()
                .endpointIdentifier(spec.identifier())
                .endpointType(ReplicationEndpointTypeValue.TARGET)
                .engineName("s3")
                .s3Settings(s -> {
                    s.bucketName(spec.bucketName()).bucketFolder(spec.bucketFolder())
                            .serviceAccessRoleArn(spec.serviceAccessRoleArn())
                            .dataFormat(spec.dataFormat().dmsValue())
                            .encryptionMode(spec.encryptionMode().dmsValue())
                            .serverSideEncryptionKmsKeyId(spec.kmsKeyArn())
                            .includeOpForFullLoad(spec.includeOpForFullLoad())
                            .timestampColumnName(spec.timestampColumnName())
                            .cdcPath(spec.cdcPath())
                            .expectedBucketOwner(spec.expectedBucketOwner());
                    if (spec.preserveTransactions()) s.preserveTransactions(true);
                    // CSV gets a header row (AddColumnName), so the files are read by column name; Parquet carries names itself.
                    if (spec.dataFormat() == S3EndpointSpec.DataFormat.CSV) s.addColumnName(true);
                })
                .tags(managedTags(spec.runId()))
                .build();
        return call("CreateEndpoint", () -> dms.createEndpoint(request).endpoint().endpointArn());
    }

    @Override
    public void deleteEndpoint(String endpointArn) {
        describe("DeleteEndpoint", () -> Optional.of(dms.deleteEndpoint(r -> r.endpointArn(endpointArn))));
    }

    @Override
    public void testConnection(String replicationInstanceArn, String endpointArn) {
        call("TestConnection", () -> dms.testConnection(
                r -> r.replicationInstanceArn(replicationInstanceArn).endpointArn(endpointArn)));
    }

    @Override
    public Optional<ConnectionStatus> connectionStatus(String replicationInstanceArn, String endpointArn) {
        return describe("DescribeConnections", () -> dms.describeConnections(r -> r.filters(
                        filter("endpoint-arn", endpointArn), filter("replication-instance-arn", replicationInstanceArn)))
                .connections().stream().findFirst()
                .map(c -> new ConnectionStatus(c.status(), c.lastFailureMessage())));
    }

    @Override
    public Optional<TaskDescription> describeTask(String taskArn) {
        return findTask("replication-task-arn", taskArn);
    }

    @Override
    public Optional<TaskDescription> findTaskByIdentifier(String identifier) {
        return findTask("replication-task-id", identifier);
    }

    private Optional<TaskDescription> findTask(String filterName, String value) {
        // WithoutSettings: the settings JSON is large and nothing here reads it.
        return describe("DescribeReplicationTasks", () -> dms.describeReplicationTasks(
                        r -> r.filters(filter(filterName, value)).withoutSettings(true))
                .replicationTasks().stream().findFirst().map(DmsReplication::toDescription));
    }

    /** With settings this time: the one call that reads them. */
    @Override
    public Optional<String> taskSettings(String taskArn) {
        return describe("DescribeReplicationTasks", () -> dms.describeReplicationTasks(
                        r -> r.filters(filter("replication-task-arn", taskArn)).withoutSettings(false))
                .replicationTasks().stream().findFirst().map(ReplicationTask::replicationTaskSettings));
    }

    @Override
    public TaskDescription createTask(TaskSpec spec) {
        MigrationTypeValue migrationType = MigrationTypeValue.fromValue(spec.migrationType());
        if (migrationType == null || migrationType == MigrationTypeValue.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("migrationType must be cdc, full-load or full-load-and-cdc, was "
                    + spec.migrationType());
        }
        return call("CreateReplicationTask", () -> toDescription(dms.createReplicationTask(r -> r
                .replicationTaskIdentifier(spec.identifier())
                .replicationInstanceArn(spec.replicationInstanceArn())
                .sourceEndpointArn(spec.sourceEndpointArn())
                .targetEndpointArn(spec.targetEndpointArn())
                .migrationType(migrationType)
                .tableMappings(spec.tableMappingsJson())
                .replicationTaskSettings(spec.settingsJson())
                .cdcStartPosition(spec.cdcStartPosition())
                .tags(managedTags(spec.runId()))).replicationTask()));
    }

    /**
     * start-replication is valid only for a task's first run; DMS refuses it later with
     * InvalidResourceStateFault, so a caller describes the task before starting it.
     */
    @Override
    public void startTask(String taskArn, String cdcStartPosition) {
        call("StartReplicationTask", () -> dms.startReplicationTask(r -> r
                .replicationTaskArn(taskArn)
                .startReplicationTaskType(StartReplicationTaskTypeValue.START_REPLICATION)
                .cdcStartPosition(cdcStartPosition)));
    }

    @Override
    public void stopTask(String taskArn) {
        call("StopReplicationTask", () -> dms.stopReplicationTask(r -> r.replicationTaskArn(taskArn)));
    }

    @Override
    public void deleteTask(String taskArn) {
        describe("DeleteReplicationTask", () -> Optional.of(dms.deleteReplicationTask(r -> r.replicationTaskArn(taskArn))));
    }

    @Override
    public List<TaskDescription> tasksUsingEndpoint(String endpointArn) {
        return describe("DescribeReplicationTasks", () -> Optional.of(dms.describeReplicationTasksPaginator(
                        r -> r.filters(filter("endpoint-arn", endpointArn)).withoutSettings(true))
                .stream().flatMap(page -> page.replicationTasks().stream()).map(DmsReplication::toDescription).toList()))
                .orElse(List.of());
    }

    @Override
    public Map<String, String> tags(String resourceArn) {
        return describe("ListTagsForResource", () -> Optional.of(dms.listTagsForResource(r -> r.resourceArn(resourceArn))
                .tagList().stream().collect(Collectors.toUnmodifiableMap(Tag::key, t -> t.value() == null ? "" : t.value(),
                        (a, b) -> b)))).orElse(Map.of());
    }

    @Override
    public List<TableStatistic> tableStatistics(String taskArn) {
        return DmsReplicationStatus.tableStatistics(dms, taskArn);
    }

    /** Managed first, then the run id (the order the IAM tag-key conditions list them). */
    private static List<Tag> managedTags(String runId) {
        List<Tag> tags = new ArrayList<>();
        new java.util.TreeMap<>(ManagedTags.of(runId)).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static EndpointDescription toDescription(Endpoint e) {
        // DMS reports EndpointType upper-case ("SOURCE") though CreateEndpoint takes "source".
        String type = e.endpointTypeAsString() == null ? null : e.endpointTypeAsString().toLowerCase(Locale.ROOT);
        return new EndpointDescription(e.endpointArn(), e.endpointIdentifier(), type, e.engineName(), e.status());
    }

    private static TaskDescription toDescription(ReplicationTask t) {
        var stats = t.replicationTaskStats();
        Integer progress = stats == null ? null : stats.fullLoadProgressPercent();
        TaskDescription.TableCounts tables = stats == null || stats.tablesLoaded() == null ? null
                : new TaskDescription.TableCounts(orZero(stats.tablesLoaded()), orZero(stats.tablesLoading()),
                        orZero(stats.tablesQueued()), orZero(stats.tablesErrored()));
        return new TaskDescription(t.replicationTaskArn(), t.replicationTaskIdentifier(), t.status(),
                t.stopReason(), t.lastFailureMessage(), t.cdcStartPosition(), progress, t.migrationTypeAsString(), tables);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static <T> Optional<T> describe(String operation, Supplier<Optional<T>> call) {
        return AwsCall.describe(SERVICE, operation, ResourceNotFoundException.class, call);
    }

    private static <T> T call(String operation, Supplier<T> call) {
        return AwsCall.call(SERVICE, operation, call);
    }
}
