package io.cutover.aws;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.catalog.AwsCall;
import io.cutover.catalog.Guard;
import io.cutover.catalog.PortCalls;
import io.cutover.catalog.StepCatalog;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.dynamo.Tables;
import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.Engine;
import io.cutover.instance.ParameterGroupRef;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskMetrics;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;
import io.cutover.run.StepEvent;
import io.cutover.run.Waiter;
import io.cutover.secrets.Secrets;
import io.cutover.status.ReplicationStatus;
import io.cutover.testing.DynamoDbLocal;
import io.cutover.waiting.TaskCallbacks;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.cutover.aws.RecordedDms.INSTANCE;
import static io.cutover.aws.RecordedDms.SECRET;
import static io.cutover.aws.RecordedDms.SECRETS_ROLE;
import static io.cutover.aws.RecordedDms.TARGET_ENDPOINT;
import static io.cutover.aws.RecordedDms.TASK;
import static io.cutover.aws.StubAws.JSON_1_0;
import static io.cutover.aws.StubAws.JSON_1_1;
import static io.cutover.aws.StubAws.XML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the port-method -> AWS-call table (io.cutover.catalog.PortCalls) the declared-calls tests
 * rely on: every method of every port with an AWS adapter is run against the recording stubs
 * (StubAws for RDS, DMS, Step Functions and Secrets Manager; DynamoDB Local with a recording
 * interceptor for the tables), and what it sent must be exactly what the table says.
 */
class AdapterCallsTest {

    /** "Port.method" -> the IAM actions the adapter sent. */
    private final Map<String, Set<String>> sent = new TreeMap<>();

    @Test
    void awsAdaptersSendWhatThePortCallTableSays() {
        run(DatabaseInstances.class, "describe", "rds", RdsClient.builder(), RdsInstances::new,
                List.of("rds/describe-db-instances-replica.xml"), XML, p -> p.describe("orders-prod-replica"));
        run(DatabaseInstances.class, "promote", "rds", RdsClient.builder(), RdsInstances::new,
                List.of("rds/promote-read-replica.xml"), XML, p -> p.promote("orders-prod-replica", 7));
        rds("describeCluster", "rds/describe-db-clusters.xml", p -> p.describeCluster("orders-aurora"));
        rds("createInstanceSnapshot", "rds/create-db-snapshot.xml",
                p -> p.createInstanceSnapshot("orders-prod", "run-42-source", "run-42"));
        rds("createClusterSnapshot", "rds/create-db-cluster-snapshot.xml",
                p -> p.createClusterSnapshot("orders-aurora", "run-42-source", "run-42"));
        rds("describeInstanceSnapshot", "rds/describe-db-snapshots.xml", p -> p.describeInstanceSnapshot("run-42-source"));
        rds("describeClusterSnapshot", "rds/describe-db-cluster-snapshots.xml",
                p -> p.describeClusterSnapshot("run-42-source"));
        rds("parameterValue", "rds/describe-db-cluster-parameters.xml", p -> p.parameterValue(
                new ParameterGroupRef("orders-aurora-pg16", true), "session_replication_role"));
        rds("setParameter", "rds/modify-db-parameter-group.xml", p -> p.setParameter(new ParameterGroupRef(
                "orders-target-pg16", false), "session_replication_role", "replica", DatabaseInstances.ApplyMethod.IMMEDIATE));
        rds("reboot", "rds/reboot-db-instance.xml", p -> p.reboot("orders-aurora-1"));
        dms("replicationInstanceStatus", "dms/describe-replication-instances.json", p -> p.replicationInstanceStatus(INSTANCE));
        dms("describeEndpoint", "dms/describe-endpoints-source.json", p -> p.describeEndpoint(TARGET_ENDPOINT));
        dms("findEndpointByIdentifier", "dms/describe-endpoints-source.json", p -> p.findEndpointByIdentifier("run-42-tgt"));
        dms("postgresSlotSettings", "dms/describe-endpoints-source.json", p -> p.postgresSlotSettings(TARGET_ENDPOINT));
        dms("createEndpoint", "dms/create-endpoint.json", p -> p.createEndpoint(new EndpointSpec("run-42-tgt",
                EndpointSpec.EndpointType.TARGET, Engine.POSTGRES, "replica.example", 5432, "orders", SECRET, SECRETS_ROLE,
                "run-42", null)));
        dms("createS3Endpoint", "dms/create-endpoint-s3.json", p -> p.createS3Endpoint(new io.cutover.replication.S3EndpointSpec(
                "run-42-s3", "orders-lake", "dms/run-42", io.cutover.replication.S3EndpointSpec.DataFormat.CSV, null, false, null,
                io.cutover.replication.S3EndpointSpec.EncryptionMode.SSE_S3, null,
                "arn:aws:iam::123456789012:role/cutover-dms-s3-orders", true, null, "run-42")));
        dms("deleteEndpoint", "dms/delete-endpoint.json", p -> p.deleteEndpoint(TARGET_ENDPOINT));
        dms("testConnection", "dms/test-connection.json", p -> p.testConnection(INSTANCE, TARGET_ENDPOINT));
        dms("connectionStatus", "dms/describe-connections-failed.json", p -> p.connectionStatus(INSTANCE, TARGET_ENDPOINT));
        dms("describeTask", "dms/describe-replication-tasks-running.json", p -> p.describeTask(TASK));
        dms("findTaskByIdentifier", "dms/describe-replication-tasks-running.json", p -> p.findTaskByIdentifier("run-42-cdc"));
        dms("taskSettings", "dms/describe-replication-tasks-with-settings.json", p -> p.taskSettings(TASK));
        dms("createTask", "dms/create-replication-task.json", p -> p.createTask(new TaskSpec("run-42-cdc", INSTANCE,
                TARGET_ENDPOINT, TARGET_ENDPOINT, "cdc", "{\"rules\":[]}", "{}", "4AF/B00000D0", "run-42")));
        dms("startTask", "dms/start-replication-task.json", p -> p.startTask(TASK, "4AF/B00000D0"));
        dms("stopTask", "dms/stop-replication-task.json", p -> p.stopTask(TASK));
        dms("deleteTask", "dms/delete-replication-task.json", p -> p.deleteTask(TASK));
        dms("tasksUsingEndpoint", "dms/describe-replication-tasks-running.json", p -> p.tasksUsingEndpoint(TARGET_ENDPOINT));
        dms("tags", "dms/list-tags-for-resource.json", p -> p.tags(TASK));
        dms("tableStatistics", "dms/describe-table-statistics.json", p -> p.tableStatistics(TASK));
        s3("list", p -> p.list("orders-lake", "dms/run-42/public/orders/"));
        s3("open", p -> {
            try (java.io.InputStream in = p.open("orders-lake", "dms/run-42/public/orders/LOAD00000001.csv")) {
                in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        run(TaskMetrics.class, "cdcLatency", "cloudwatch", CloudWatchClient.builder(), CloudWatchTaskMetrics::new,
                List.of("cloudwatch/get-metric-data-cdc-latency.xml"), XML, p -> p.cdcLatency("cutover-ri", "TASK2K7M9Q4X6Z1N3B5V8C0D2F"));
        run(TaskCallbacks.class, "succeed", "states", SfnClient.builder(), SfnTaskCallbacks::new,
                List.of("sfn/send-task-success.json"), JSON_1_0, p -> p.succeed("token", "{}"));
        run(TaskCallbacks.class, "fail", "states", SfnClient.builder(), SfnTaskCallbacks::new,
                List.of("sfn/send-task-failure.json"), JSON_1_0, p -> p.fail("token", "Cutover.Failed", "cause"));
        run(Secrets.class, "credentials", "secretsmanager", SecretsManagerClient.builder(), SecretsManagerSecrets::new,
                List.of("secretsmanager/get-secret-value.json"), JSON_1_1, p -> p.credentials(SECRET));
        run(Secrets.class, "keyNames", "secretsmanager", SecretsManagerClient.builder(), SecretsManagerSecrets::new,
                List.of("secretsmanager/get-secret-value.json"), JSON_1_1, p -> p.keyNames(SECRET));
        run(ReplicationStatus.class, "endpoints", "dms", DatabaseMigrationClient.builder(), DmsReplicationStatus::new,
                List.of("dms/describe-endpoints-source-and-target.json", "dms/describe-connections-source-and-target.json"),
                JSON_1_1, p -> p.endpoints(List.of(TARGET_ENDPOINT)));
        run(ReplicationStatus.class, "tasks", "dms", DatabaseMigrationClient.builder(), DmsReplicationStatus::new,
                List.of("dms/describe-replication-tasks-running.json"), JSON_1_1, p -> p.tasks(List.of(TASK)));
        run(ReplicationStatus.class, "tableStatistics", "dms", DatabaseMigrationClient.builder(),
                DmsReplicationStatus::new, List.of("dms/describe-table-statistics.json"), JSON_1_1,
                p -> p.tableStatistics(TASK));

        assertMatchesTheTable(List.of(DatabaseInstances.class, Replication.class, TaskMetrics.class, TaskCallbacks.class, Secrets.class,
                ReplicationStatus.class, io.cutover.migrate.s3.S3Objects.class));
    }

    @Test
    void creatingRequestsCarryTheTagsTheirPolicyConditionRequires() {
        try (StubAws aws = StubAws.start(); DatabaseMigrationClient client = aws.client(DatabaseMigrationClient.builder())) {
            aws.reply(200, JSON_1_1, "dms/create-endpoint.json").reply(200, JSON_1_1, "dms/create-replication-task.json");
            DmsReplication dms = new DmsReplication(client);
            dms.createEndpoint(new EndpointSpec("run-42-tgt", EndpointSpec.EndpointType.TARGET, Engine.POSTGRES,
                    "replica.example", 5432, "orders", SECRET, SECRETS_ROLE, "run-42", null));
            dms.createTask(new TaskSpec("run-42-cdc", INSTANCE, TARGET_ENDPOINT, TARGET_ENDPOINT, "cdc", "{\"rules\":[]}", "{}",
                    "4AF/B00000D0", "run-42"));
            for (StubAws.Request r : aws.requests()) {
                Map<String, String> tags = new TreeMap<>();
                r.json().path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
                assertEquals(Map.of(Guard.MANAGED_TAG_KEY, Guard.MANAGED_TAG_VALUE, Guard.RUN_ID_TAG_KEY, "run-42"), tags,
                        r.target() + ": the tags Guard.TAGS_ON_CREATE allows, and only those");
            }
        }
    }

    @Test
    void dynamoAdaptersSendWhatThePortCallTableSays() {
        List<String> operations = new CopyOnWriteArrayList<>();
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            DynamoDbClient plain = dynamo.client();
            Tables.createRunsTable(plain, "runs");
            Tables.createAppMapTable(plain, "appmap");
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamo.endpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(o -> o.addExecutionInterceptor(recorder(operations)))
                    .build()) {
                RunStore runs = new DynamoRunStore(client, "runs");
                AppMap appMap = new DynamoAppMap(client, "appmap");
                Instant now = Instant.parse("2026-11-30T10:00:00Z");
                Waiter waiter = new Waiter("orders-prod-replica", Waiter.WaitKind.PROMOTION_COMPLETE, "run-42", "token", now);
                Application app = new Application("orders-api", Map.of("SITEA", new Site("SITEA", Engine.POSTGRES,
                        "a.example", 5432, "orders", SECRET)), "SITEA", AppStatus.OPEN, null, 0);
                table(operations, RunStore.class, "createRun", "RUNS_TABLE", () -> runs.createRun(new RunRecord("run-42",
                        "promote-replica", "orders-prod", "orders-prod-replica", "postgres", RunStatus.RUNNING, null, null,
                        Map.of(), List.of(), null, now, now)));
                table(operations, RunStore.class, "run", "RUNS_TABLE", () -> runs.run("run-42"));
                table(operations, RunStore.class, "recordStep", "RUNS_TABLE", () -> runs.recordStep("run-42",
                        new StepEvent("Preflight", StepEvent.Outcome.STARTED, now, null)));
                table(operations, RunStore.class, "recordSteps", "RUNS_TABLE", () -> runs.recordSteps("run-42",
                        List.of(new StepEvent("Preflight", StepEvent.Outcome.STARTED, now, null),
                                new StepEvent("Preflight", StepEvent.Outcome.SUCCEEDED, now, null))));
                table(operations, RunStore.class, "recordResource", "RUNS_TABLE", () -> runs.recordResource("run-42", "x", "y"));
                table(operations, RunStore.class, "recordResources", "RUNS_TABLE",
                        () -> runs.recordResources("run-42", Map.of("x", "y", "z", "w")));
                table(operations, RunStore.class, "recordPosition", "RUNS_TABLE", () -> runs.recordPosition("run-42", "0/1"));
                table(operations, RunStore.class, "finish", "RUNS_TABLE", () -> runs.finish("run-42", RunStatus.SUCCEEDED, null));
                table(operations, RunStore.class, "acquireLock", "RUNS_TABLE", () -> runs.acquireLock("orders-prod", "run-42"));
                table(operations, RunStore.class, "lockHolder", "RUNS_TABLE", () -> runs.lockHolder("orders-prod"));
                table(operations, RunStore.class, "releaseLock", "RUNS_TABLE", () -> runs.releaseLock("orders-prod", "run-42"));
                table(operations, RunStore.class, "saveWaiter", "RUNS_TABLE", () -> runs.saveWaiter(waiter));
                table(operations, RunStore.class, "waiters", "RUNS_TABLE", () -> runs.waiters("orders-prod-replica"));
                table(operations, RunStore.class, "removeWaiter", "RUNS_TABLE", () -> runs.removeWaiter(waiter));
                table(operations, AppMap.class, "put", "APPMAP_TABLE", () -> appMap.put(app));
                table(operations, AppMap.class, "get", "APPMAP_TABLE", () -> appMap.get("orders-api"));
                table(operations, AppMap.class, "list", "APPMAP_TABLE", appMap::list);
                Application stored = appMap.get("orders-api").orElseThrow();
                table(operations, AppMap.class, "update", "APPMAP_TABLE", () -> appMap.update(stored));
                table(operations, AppMap.class, "change", "APPMAP_TABLE", () -> appMap.change("orders-api", a -> a));
            }
        }
        assertMatchesTheTable(List.of(RunStore.class, AppMap.class));
    }

    @Test
    void theJdbcAdaptersHoldNoAwsClient() throws Exception {
        // So they reach AWS only through the Secrets port (PortCalls.SECRET_READING_PORTS).
        List<String> jdbc = new ArrayList<>();
        int classes = 0;
        var root = java.nio.file.Path.of(io.cutover.jdbc.JdbcSourceProbes.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("io/cutover/jdbc");
        try (var files = java.nio.file.Files.list(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String bytes = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (bytes.contains("software/amazon/awssdk/services/")) jdbc.add(file.getFileName().toString());
                classes++;
            }
        }
        assertTrue(classes > 5, "JDBC adapter classes found: " + classes);
        assertEquals(List.of(), jdbc, "JDBC adapters that use an AWS service client directly");
    }

    @Test
    void everyCallTheCatalogDeclaresIsOneAnAdapterMakes() {
        Set<String> possible = new TreeSet<>();
        PortCalls.ACTIONS.values().forEach(possible::addAll);
        Map<String, Set<String>> stale = new TreeMap<>();
        StepCatalog.all().forEach(step -> step.calls().stream().filter(c -> c.origin() == AwsCall.Origin.CODE)
                .map(PortCalls::key).filter(k -> !possible.contains(k))
                .forEach(k -> stale.computeIfAbsent(step.name(), x -> new TreeSet<>()).add(k)));
        assertEquals(Map.of(), stale, "declared calls no adapter makes: grants nobody uses");
    }

    private void rds(String method, String response, Consumer<DatabaseInstances> call) {
        run(DatabaseInstances.class, method, "rds", RdsClient.builder(), RdsInstances::new, List.of(response), XML, call);
    }

    private void dms(String method, String response, Consumer<Replication> call) {
        run(Replication.class, method, "dms", DatabaseMigrationClient.builder(), DmsReplication::new, List.of(response),
                JSON_1_1, call);
    }

    /** Runs one port method on its AWS adapter against StubAws and notes the IAM actions of what it sent. */
    private <P, C extends software.amazon.awssdk.core.SdkClient, B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>> void run(
            Class<P> port, String method, String service, B builder, java.util.function.Function<C, P> adapter,
            List<String> responses, String contentType, Consumer<P> call) {
        try (StubAws aws = StubAws.start(); C client = aws.client(builder)) {
            responses.forEach(r -> aws.reply(200, contentType, r));
            call.accept(adapter.apply(client));
            Set<String> actions = new TreeSet<>();
            for (StubAws.Request r : aws.requests()) {
                String operation = r.target() != null ? r.target().substring(r.target().indexOf('.') + 1) : r.form().get("Action");
                actions.add(service + ":" + operation);
            }
            sent.put(port.getSimpleName() + "." + method, actions);
        }
    }

    /**
     * S3 is a REST API StubAws does not model: S3ObjectStore against a local HTTP server that
     * answers ListObjectsV2 with one key and GetObject with a CSV line, its operations recorded
     * by an SDK interceptor (ListObjectsV2 is authorized as s3:ListBucket).
     */
    private void s3(String method, Consumer<io.cutover.migrate.s3.S3Objects> call) {
        List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server;
        try {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            boolean list = exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("list-type=2");
            byte[] body = (list ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>orders-lake</Name>"
                    + "<Prefix>dms/run-42/public/orders/</Prefix><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>"
                    + "<Contents><Key>dms/run-42/public/orders/LOAD00000001.csv</Key><Size>9</Size></Contents></ListBucketResult>"
                    : "Op,id\nI,1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", list ? "application/xml" : "text/csv");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (software.amazon.awssdk.services.s3.S3Client client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "example")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder(operations))).build()) {
            call.accept(new S3ObjectStore(client));
        } finally {
            server.stop(0);
        }
        Set<String> actions = new TreeSet<>();
        operations.forEach(op -> actions.add("ListObjectsV2".equals(op) ? "s3:ListBucket" : "s3:" + op));
        sent.put("S3Objects." + method, actions);
    }

    private void table(List<String> operations, Class<?> port, String method, String table, Runnable call) {
        operations.clear();
        call.run();
        Set<String> actions = new TreeSet<>();
        operations.forEach(op -> actions.add("dynamodb:" + op + "@" + table));
        sent.put(port.getSimpleName() + "." + method, actions);
    }

    /**
     * Every method of the ports was run, and sent requests the table lists (the table may list more:
     * paths a single run does not take, like acquireLock re-reading a holder that vanished).
     */
    private void assertMatchesTheTable(List<Class<?>> ports) {
        List<String> problems = new ArrayList<>();
        for (Class<?> port : ports) {
            for (Method m : port.getMethods()) {
                if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
                String key = port.getSimpleName() + "." + m.getName();
                Set<String> listed = PortCalls.ACTIONS.get(key);
                Set<String> seen = sent.get(key);
                if (listed == null) problems.add(key + ": not in io.cutover.catalog.PortCalls");
                else if (seen == null) problems.add(key + ": not run by this test");
                else if (seen.isEmpty() || !listed.containsAll(seen)) problems.add(key + ": sent " + seen + ", listed " + listed);
            }
        }
        assertEquals(List.of(), problems);
    }

    private static ExecutionInterceptor recorder(List<String> operations) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
    }
}
