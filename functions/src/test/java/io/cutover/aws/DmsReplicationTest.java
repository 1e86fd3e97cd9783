package io.cutover.aws;

import static io.cutover.aws.RecordedDms.INSTANCE;
import static io.cutover.aws.RecordedDms.SECRET;
import static io.cutover.aws.RecordedDms.SECRETS_ROLE;
import static io.cutover.aws.RecordedDms.SOURCE_ENDPOINT;
import static io.cutover.aws.RecordedDms.TARGET_ENDPOINT;
import static io.cutover.aws.RecordedDms.TASK;
import static io.cutover.aws.StubAws.JSON_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.instance.Engine;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.EndpointSpec.EndpointType;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DmsReplicationTest extends DmsAdapterTest {

    private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"1\","
            + "\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"%\"},\"rule-action\":\"include\"}]}";
    private static final String SETTINGS = "{\"Logging\":{\"EnableLogging\":true}}";


    // --- replication instance and endpoints ---

    @Test
    void replicationInstanceStatusFiltersByArn() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-instances.json");

        assertEquals(Optional.of("available"), dms.replicationInstanceStatus(INSTANCE));

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DescribeReplicationInstances", r.target());
        assertEquals(Map.of("replication-instance-arn", List.of(INSTANCE)), filters(r.json()));
    }

    @Test
    void missingReplicationInstanceIsEmpty() {
        aws.reply(400, JSON_1_1, "dms/error-resource-not-found-instance.json");

        assertEquals(Optional.empty(), dms.replicationInstanceStatus(INSTANCE));
    }

    @Test
    void describeEndpointFiltersByArnAndMapsTheEndpoint() {
        aws.reply(200, JSON_1_1, "dms/describe-endpoints-source.json");

        EndpointDescription e = dms.describeEndpoint(SOURCE_ENDPOINT).orElseThrow();

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DescribeEndpoints", r.target());
        assertEquals(Map.of("endpoint-arn", List.of(SOURCE_ENDPOINT)), filters(r.json()));
        assertEquals(new EndpointDescription(SOURCE_ENDPOINT, "run-42-src", "source", "postgres", "active"), e);
    }

    @Test
    void slotSettingsAreThePostgresSettingsSlotAndPlugin() {
        aws.reply(200, JSON_1_1, "dms/describe-endpoints-source.json")
                .reply(200, JSON_1_1, "dms/describe-endpoints-empty.json");

        assertEquals(Optional.of(new PostgresSlotSettings("cutover_run_42", "test_decoding")), dms.postgresSlotSettings(SOURCE_ENDPOINT));
        assertEquals(Map.of("endpoint-arn", List.of(SOURCE_ENDPOINT)), filters(aws.requests().get(0).json()));
        assertEquals(Optional.empty(), dms.postgresSlotSettings(SOURCE_ENDPOINT));
    }

    @Test
    void aPglogicalSlotIsReadWithPluginNamePglogical() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint.json");

        dms.createEndpoint(new EndpointSpec("run-42-src", EndpointType.SOURCE, Engine.POSTGRES, "h", 5432, "orders",
                SECRET, SECRETS_ROLE, "cutover_run_42", "pglogical", "run-42", null));

        assertEquals("pglogical", aws.onlyRequest().json().at("/PostgreSQLSettings/PluginName").asText());
    }

    @Test
    void findEndpointByIdentifierFiltersByEndpointId() {
        aws.reply(200, JSON_1_1, "dms/describe-endpoints-source.json");

        assertEquals(SOURCE_ENDPOINT, dms.findEndpointByIdentifier("run-42-src").orElseThrow().arn());

        assertEquals(Map.of("endpoint-id", List.of("run-42-src")), filters(aws.onlyRequest().json()));
    }

    @Test
    void endpointNotFoundEitherWayIsEmpty() {
        aws.reply(400, JSON_1_1, "dms/error-resource-not-found.json")
                .reply(200, JSON_1_1, "dms/describe-endpoints-empty.json");

        assertEquals(Optional.empty(), dms.findEndpointByIdentifier("run-42-src"));
        assertEquals(Optional.empty(), dms.describeEndpoint(SOURCE_ENDPOINT));
    }

    @Test
    void createPostgresSourceEndpointUsesTheSecretSlotAndTags() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint.json");

        String arn = dms.createEndpoint(new EndpointSpec("run-42-src", EndpointType.SOURCE, Engine.POSTGRES,
                "orders-primary.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", 5432, "orders", SECRET, SECRETS_ROLE,
                "cutover_run_42", "test_decoding", "run-42", null));

        assertEquals(SOURCE_ENDPOINT, arn);
        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.CreateEndpoint", r.target());
        r.assertJson(Map.of("/EndpointIdentifier", "run-42-src", "/EndpointType", "source", "/EngineName", "postgres",
                "/DatabaseName", "orders", "/PostgreSQLSettings/SecretsManagerSecretId", SECRET,
                "/PostgreSQLSettings/SecretsManagerAccessRoleArn", SECRETS_ROLE, "/PostgreSQLSettings/SlotName", "cutover_run_42",
                "/PostgreSQLSettings/PluginName", "test-decoding"));
        JsonNode body = r.json();
        assertFalse(body.has("OracleSettings"));
        assertEquals(Map.of("cutover:run-id", "run-42", "cutover:managed", "true"), tags(body));
        assertNoConnectionDetails(body, r.body());
    }

    @Test
    void createOracleTargetEndpointUsesOracleSettings() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint-oracle-target.json");
        String secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing-dms-GhIjKl";

        String arn = dms.createEndpoint(new EndpointSpec("run-42-tgt", EndpointType.TARGET, Engine.ORACLE,
                "billing-replica-a.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", 1521, "ORCL", secret, SECRETS_ROLE, "run-42", null));

        assertEquals(TARGET_ENDPOINT, arn);
        aws.onlyRequest().assertJson(Map.of("/EndpointType", "target", "/EngineName", "oracle", "/DatabaseName", "ORCL",
                "/OracleSettings/SecretsManagerSecretId", secret, "/OracleSettings/SecretsManagerAccessRoleArn", SECRETS_ROLE));
        JsonNode body = aws.onlyRequest().json();
        assertFalse(body.has("PostgreSQLSettings"));
        assertEquals(Map.of("cutover:run-id", "run-42", "cutover:managed", "true"), tags(body));
        assertNoConnectionDetails(body, aws.onlyRequest().body());
    }

    @Test
    void postgresTargetEndpointHasNoSlot() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint.json");

        dms.createEndpoint(new EndpointSpec("run-42-tgt", EndpointType.TARGET, Engine.POSTGRES,
                "h", 5432, "orders", SECRET, SECRETS_ROLE, "run-42", null));

        JsonNode pg = aws.onlyRequest().json().path("PostgreSQLSettings");
        assertEquals(SECRET, pg.path("SecretsManagerSecretId").asText());
        assertFalse(pg.has("SlotName"));
        assertFalse(pg.has("PluginName"));
        assertFalse(aws.onlyRequest().json().has("ExtraConnectionAttributes"));
    }

    @Test
    void aSecretsManagerVpcEndpointIsSetAsTheEndpointAttribute() {
        aws.reply(200, JSON_1_1, "dms/create-endpoint.json");
        String vpce = "vpce-1234a5678b9012c-12345678.secretsmanager.eu-west-1.vpce.amazonaws.com";

        dms.createEndpoint(new EndpointSpec("run-42-tgt", EndpointType.TARGET, Engine.POSTGRES,
                "h", 5432, "orders", SECRET, SECRETS_ROLE, "run-42", vpce));

        assertEquals("secretsManagerEndpointOverride=" + vpce,
                aws.onlyRequest().json().path("ExtraConnectionAttributes").asText());
    }

    @Test
    void aSlotOnATargetEndpointIsRefusedBeforeCallingDms() {
        assertThrows(IllegalArgumentException.class, () -> dms.createEndpoint(new EndpointSpec("run-42-tgt",
                EndpointType.TARGET, Engine.POSTGRES, "h", 5432, "orders", SECRET, SECRETS_ROLE, "cutover_run_42", "test_decoding",
                "run-42", null)));

        assertEquals(List.of(), aws.requests());
    }

    @Test
    void anExistingEndpointIsANonTransientFailure() {
        aws.reply(400, JSON_1_1, "dms/error-already-exists.json");

        AwsCallException e = assertThrows(AwsCallException.class, () -> dms.createEndpoint(new EndpointSpec(
                "run-42-src", EndpointType.SOURCE, Engine.POSTGRES, "h", 5432, "orders", SECRET, SECRETS_ROLE, "run-42", null)));

        assertEquals("DMS", e.service());
        assertEquals("CreateEndpoint", e.operation());
        assertEquals("ResourceAlreadyExistsFault", e.errorCode());
        assertFalse(e.isTransient());
    }

    // --- connection tests ---

    @Test
    void testConnectionNamesInstanceAndEndpoint() {
        aws.reply(200, JSON_1_1, "dms/test-connection.json");

        dms.testConnection(INSTANCE, TARGET_ENDPOINT);

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.TestConnection", r.target());
        assertEquals(INSTANCE, r.json().path("ReplicationInstanceArn").asText());
        assertEquals(TARGET_ENDPOINT, r.json().path("EndpointArn").asText());
    }

    @Test
    void connectionStatusFiltersByEndpointAndInstance() {
        aws.reply(200, JSON_1_1, "dms/describe-connections-failed.json");

        ConnectionStatus s = dms.connectionStatus(INSTANCE, TARGET_ENDPOINT).orElseThrow();

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DescribeConnections", r.target());
        assertEquals(Map.of("endpoint-arn", List.of(TARGET_ENDPOINT), "replication-instance-arn", List.of(INSTANCE)),
                filters(r.json()));
        assertTrue(s.isFailed());
        assertTrue(s.message().startsWith("Test Endpoint failed: Application-Status: 1020912"), s.message());
    }

    @Test
    void neverTestedIsEmpty() {
        aws.reply(200, JSON_1_1, "dms/describe-connections-empty.json")
                .reply(400, JSON_1_1, "dms/error-resource-not-found.json");

        assertEquals(Optional.empty(), dms.connectionStatus(INSTANCE, TARGET_ENDPOINT));
        assertEquals(Optional.empty(), dms.connectionStatus(INSTANCE, TARGET_ENDPOINT));
    }

    // --- tasks ---

    @Test
    void aFinishedFullLoadIsSeenInTheTasksTableCounts() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-full-load-finished.json");

        TaskDescription t = dms.describeTask(TASK).orElseThrow();

        assertEquals(new TaskDescription.TableCounts(12, 0, 0, 0), t.tables());
        assertEquals("full-load", t.migrationType());
        assertTrue(t.isFullLoadFinished());
    }

    @Test
    void stopTaskNamesTheTask() {
        aws.reply(200, JSON_1_1, "dms/stop-replication-task.json");

        dms.stopTask(TASK);

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.StopReplicationTask", r.target());
        assertEquals(TASK, r.json().path("ReplicationTaskArn").asText());
    }

    @Test
    void deleteTaskNamesTheTaskAndAnAbsentOneIsNothingToDo() {
        aws.reply(200, JSON_1_1, "dms/delete-replication-task.json");
        dms.deleteTask(TASK);
        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DeleteReplicationTask", r.target());
        assertEquals(TASK, r.json().path("ReplicationTaskArn").asText());

        aws.reply(400, JSON_1_1, "dms/error-resource-not-found-task.json");
        dms.deleteTask(TASK);
    }

    @Test
    void aRunningTaskIsNotDeletedAndTheRefusalIsNamed() {
        aws.reply(400, JSON_1_1, "dms/error-invalid-resource-state.json");
        AwsCallException e = assertThrows(AwsCallException.class, () -> dms.deleteTask(TASK));
        assertTrue(e.getMessage().contains("DeleteReplicationTask"), e.getMessage());
    }

    @Test
    void tasksUsingAnEndpointFilterByEndpointArn() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-running.json");

        List<TaskDescription> tasks = dms.tasksUsingEndpoint(SOURCE_ENDPOINT);

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DescribeReplicationTasks", r.target());
        assertEquals(Map.of("endpoint-arn", List.of(SOURCE_ENDPOINT)), filters(r.json()));
        assertEquals(List.of("run-42-cdc"), tasks.stream().map(TaskDescription::identifier).toList());

        aws.reply(400, JSON_1_1, "dms/error-resource-not-found-task.json");
        assertEquals(List.of(), dms.tasksUsingEndpoint(SOURCE_ENDPOINT), "no task uses it");
    }

    @Test
    void tagsAreReadWithListTagsForResource() {
        aws.reply(200, JSON_1_1, "dms/list-tags-for-resource.json");

        Map<String, String> tags = dms.tags(TASK);

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.ListTagsForResource", r.target());
        assertEquals(TASK, r.json().path("ResourceArn").asText());
        assertEquals(Map.of("cutover:managed", "true", "cutover:run-id", "run-42"), tags);
    }

    @Test
    void tableStatisticsOfTheRunbookAreTheStatusViewsOnes() {
        aws.reply(200, JSON_1_1, "dms/describe-table-statistics.json");

        var tables = dms.tableStatistics(TASK);

        assertEquals(TASK, aws.onlyRequest().json().path("ReplicationTaskArn").asText());
        assertFalse(tables.isEmpty());
        assertEquals("TASK2K7M9Q4X6Z1N3B5V8C0D2F", tables.get(0).task());
    }

    @Test
    void describeTaskFiltersByArnWithoutSettingsAndMapsARunningTask() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-running.json");

        TaskDescription t = dms.describeTask(TASK).orElseThrow();

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.DescribeReplicationTasks", r.target());
        assertEquals(Map.of("replication-task-arn", List.of(TASK)), filters(r.json()));
        assertTrue(r.json().path("WithoutSettings").asBoolean());
        assertEquals(new TaskDescription(TASK, "run-42-cdc", "running", null, null, "4AF/B00000D0", 0, "cdc",
                new TaskDescription.TableCounts(0, 0, 0, 0)), t);
        assertTrue(t.isRunning());
    }

    @Test
    void findTaskByIdentifierMapsAFinishedFullLoad() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-full-load-finished.json");

        TaskDescription t = dms.findTaskByIdentifier("run-42-load").orElseThrow();

        assertEquals(Map.of("replication-task-id", List.of("run-42-load")), filters(aws.onlyRequest().json()));
        assertEquals("stopped", t.status());
        assertEquals("Stop Reason FULL_LOAD_ONLY_FINISHED", t.stopReason());
        assertEquals(100, t.fullLoadProgressPercent());
        assertNull(t.cdcStartPosition());
        assertTrue(t.isStartable());
    }

    @Test
    void missingTaskIsEmpty() {
        aws.reply(400, JSON_1_1, "dms/error-resource-not-found-task.json");

        assertEquals(Optional.empty(), dms.describeTask(TASK));
    }

    @Test
    void createTaskSendsPositionMappingsSettingsAndTags() {
        aws.reply(200, JSON_1_1, "dms/create-replication-task.json");

        TaskDescription t = dms.createTask(new TaskSpec("run-42-cdc", INSTANCE, SOURCE_ENDPOINT, TARGET_ENDPOINT, "cdc",
                MAPPINGS, SETTINGS, "4AF/B00000D0", "run-42"));

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.CreateReplicationTask", r.target());
        JsonNode body = r.json();
        assertEquals("run-42-cdc", body.path("ReplicationTaskIdentifier").asText());
        assertEquals(INSTANCE, body.path("ReplicationInstanceArn").asText());
        assertEquals(SOURCE_ENDPOINT, body.path("SourceEndpointArn").asText());
        assertEquals(TARGET_ENDPOINT, body.path("TargetEndpointArn").asText());
        assertEquals("cdc", body.path("MigrationType").asText());
        assertEquals(MAPPINGS, body.path("TableMappings").asText(), "mappings travel as a JSON string");
        assertEquals(SETTINGS, body.path("ReplicationTaskSettings").asText());
        assertEquals("4AF/B00000D0", body.path("CdcStartPosition").asText());
        assertFalse(body.has("CdcStartTime"), "position and time are exclusive");
        assertEquals(Map.of("cutover:run-id", "run-42", "cutover:managed", "true"), tags(body));

        assertEquals(new TaskDescription(TASK, "run-42-cdc", "creating", null, null, "4AF/B00000D0", null, "cdc", null), t);
    }

    @Test
    void fullLoadTaskHasNoPositionNorSettingsWhenNotGiven() {
        aws.reply(200, JSON_1_1, "dms/create-replication-task.json");

        dms.createTask(new TaskSpec("run-42-load", INSTANCE, SOURCE_ENDPOINT, TARGET_ENDPOINT, "full-load-and-cdc",
                MAPPINGS, null, null, "run-42"));

        JsonNode body = aws.onlyRequest().json();
        assertEquals("full-load-and-cdc", body.path("MigrationType").asText());
        assertFalse(body.has("CdcStartPosition"));
        assertFalse(body.has("ReplicationTaskSettings"));
    }

    @Test
    void unknownMigrationTypeIsRefusedBeforeCallingDms() {
        assertThrows(IllegalArgumentException.class, () -> dms.createTask(new TaskSpec("run-42-cdc", INSTANCE,
                SOURCE_ENDPOINT, TARGET_ENDPOINT, "cdc-only", MAPPINGS, null, null, "run-42")));

        assertEquals(List.of(), aws.requests());
    }

    @Test
    void startTaskStartsReplicationAtThePosition() {
        aws.reply(200, JSON_1_1, "dms/start-replication-task.json");

        dms.startTask(TASK, "4AF/B00000D0");

        StubAws.Request r = aws.onlyRequest();
        assertEquals("AmazonDMSv20160101.StartReplicationTask", r.target());
        assertEquals(TASK, r.json().path("ReplicationTaskArn").asText());
        assertEquals("start-replication", r.json().path("StartReplicationTaskType").asText());
        assertEquals("4AF/B00000D0", r.json().path("CdcStartPosition").asText());
    }

    @Test
    void startingATaskTwiceIsANonTransientFailure() {
        aws.reply(400, JSON_1_1, "dms/error-invalid-resource-state.json");

        AwsCallException e = assertThrows(AwsCallException.class, () -> dms.startTask(TASK, "4AF/B00000D0"));

        assertEquals("StartReplicationTask", e.operation());
        assertEquals("InvalidResourceStateFault", e.errorCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("valid only for tasks running for the first time"), e.getMessage());
    }

    @Test
    void throttlingIsTransient() {
        aws.reply(400, JSON_1_1, "dms/error-throttling.json");

        AwsCallException e = assertThrows(AwsCallException.class, () -> dms.describeTask(TASK));

        assertEquals("DescribeReplicationTasks", e.operation());
        assertEquals("ThrottlingException", e.errorCode());
        assertTrue(e.isTransient());
    }

    // --- helpers reading the request body ---

    private static Map<String, List<String>> filters(JsonNode body) {
        Map<String, List<String>> filters = new HashMap<>();
        for (JsonNode f : body.path("Filters")) {
            List<String> values = new ArrayList<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            filters.put(f.path("Name").asText(), values);
        }
        return filters;
    }

    private static Map<String, String> tags(JsonNode body) {
        Map<String, String> tags = new HashMap<>();
        body.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        return tags;
    }

    /** With a secret, DMS takes host, port and credentials from it: none may be in the request. */
    private static void assertNoConnectionDetails(JsonNode body, String raw) {
        List<String> found = new ArrayList<>();
        collectKeys(body, found);
        for (String key : found) {
            assertFalse(List.of("password", "username", "servername", "port").contains(key.toLowerCase()),
                    "request carries " + key + ": " + raw);
        }
        assertFalse(raw.contains("rds.amazonaws.com"), "host sent: " + raw);
    }

    private static void collectKeys(JsonNode node, List<String> keys) {
        node.fields().forEachRemaining(e -> {
            keys.add(e.getKey());
            collectKeys(e.getValue(), keys);
        });
        if (node.isArray()) node.forEach(n -> collectKeys(n, keys));
    }
}
