package io.cutover.migrate.run;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.migrate.s3.S3Objects;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskDescription;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3TargetCopyTest {
    private static final String INSTANCE = "arn:aws:dms:eu-west-1:123456789012:rep:ORDERSREPLINSTANCE1";
    private static final String SOURCE = "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1";

    private final FakeReplication dms = FakeReplication.ready(INSTANCE, SOURCE, "orders-aurora-source");
    private final FakeRunStore runs = new FakeRunStore();
    /** Bucket contents: key -> CSV text. */
    private final Map<String, String> objects = new TreeMap<>();
    private final S3TargetCopy copy = new S3TargetCopy(dms, runs, new S3Objects() {
        @Override
        public List<StoredObject> list(String bucket, String prefix) {
            return objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(e -> new StoredObject(e.getKey(), e.getValue().length())).toList();
        }

        @Override
        public InputStream open(String bucket, String key) {
            return new ByteArrayInputStream(objects.get(key).getBytes(StandardCharsets.UTF_8));
        }
    }, Clock.fixed(Instant.parse("2026-12-01T00:10:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void run() {
        MigrationStates.createRun(runs);
    }

    private static MigrationStates withS3() {
        return MigrationStates.migration().input(in -> in.putObject("s3Target").put("bucketName", "orders-lake")
                .put("bucketFolder", "dms/orders").put("serviceAccessRoleArn", "arn:aws:iam::123456789012:role/cutover-dms-s3"));
    }

    private Map<String, String> resources() {
        return runs.run("run-42").orElseThrow().resources();
    }

    @Test
    void theEndpointIsCreatedOnceTaggedWithTheRunAndTested() {
        MigrationState.S3Copy first = copy.createEndpoint(withS3().build());
        MigrationState.S3Copy again = copy.createEndpoint(withS3().build());
        assertEquals(first.endpointArn(), again.endpointArn());
        assertEquals(1, dms.createdS3Endpoints.size());
        assertEquals("run-42", dms.createdS3Endpoints.get(0).runId());
        assertEquals("orders-migrate-s3", dms.createdS3Endpoints.get(0).identifier());
        assertTrue(dms.testedEndpoints.contains(first.endpointArn()));
        assertEquals(first.endpointArn(), resources().get(S3TargetCopy.ENDPOINT));
        assertEquals("TESTING", resources().get(S3TargetCopy.COPY));
    }

    @Test
    void theConnectionTestIsWaitedForAndItsFailureNamed() {
        MigrationState.S3Copy created = copy.createEndpoint(withS3().build());
        MigrationState state = withS3().s3(created).build();
        assertThrows(NotReadyYet.class, () -> copy.checkConnection(state));
        dms.connections.put(INSTANCE + "|" + created.endpointArn(), new ConnectionStatus("failed", "Access Denied"));
        StepFailed e = assertThrows(StepFailed.class, () -> copy.checkConnection(state));
        assertTrue(e.getMessage().contains("Access Denied"), e.getMessage());
        dms.connections.put(INSTANCE + "|" + created.endpointArn(), new ConnectionStatus("successful", null));
        assertEquals("CONNECTED", copy.checkConnection(state).status());
    }

    @Test
    void theTaskReadsTheRunsSourceWithTheSameMappingsAndTheS3Template() {
        MigrationState.S3Copy created = copy.createEndpoint(withS3().build());
        MigrationState.S3Copy task = copy.createTask(withS3().s3(created).build());
        var spec = dms.createdTasks.get(0);
        assertEquals("orders-migrate-s3", spec.identifier());
        assertEquals(SOURCE, spec.sourceEndpointArn());
        assertEquals(created.endpointArn(), spec.targetEndpointArn());
        assertEquals("full-load-and-cdc", spec.migrationType());
        assertTrue(spec.tableMappingsJson().contains("orders-schema"), spec.tableMappingsJson());
        assertTrue(spec.settingsJson().contains("\"EnableValidation\":false"), spec.settingsJson());
        assertEquals(task.taskArn(), resources().get(S3TargetCopy.TASK.arnResource()));
        copy.createTask(withS3().s3(created).build());
        assertEquals(1, dms.createdTasks.size(), "found, not created twice");
    }

    @Test
    void theOutputIsCheckedOnceTheLoadIsOverAndAMismatchIsTheCopysResultNotAFailure() {
        MigrationState.S3Copy created = copy.createEndpoint(withS3().build());
        MigrationState.S3Copy task = copy.createTask(withS3().s3(created).build());
        MigrationState state = withS3().s3(task).build();
        dms.setTask(task.taskArn(), "running");
        dms.setFullLoad(task.taskArn(), 40, new TaskDescription.TableCounts(0, 1, 0, 0));
        assertThrows(NotReadyYet.class, () -> copy.checkOutput(state));

        dms.setFullLoad(task.taskArn(), 100, new TaskDescription.TableCounts(1, 0, 0, 0));
        dms.tableStatistics.put(task.taskArn(), List.of(new TableStatistic("orders-migrate-s3", "public", "orders",
                "Table completed", 2L, 0L, 0L, 0L, 0L, "Not enabled", 0L, 0L, Instant.EPOCH)));
        objects.put("dms/orders/public/orders/LOAD00000001.csv", "Op,id\nI,1\nI,2\n");
        MigrationState.S3Copy checked = copy.checkOutput(state);
        assertEquals(Boolean.TRUE, checked.outputMatches(), checked.output().toString());
        assertTrue(resources().get(S3TargetCopy.OUTPUT).startsWith("MATCH 1 table(s)"), resources().toString());

        objects.put("dms/orders/public/orders/LOAD00000001.csv", "Op,id\nI,1\n");
        MigrationState.S3Copy short1 = copy.checkOutput(state);
        assertFalse(short1.outputMatches());
        assertTrue(resources().get(S3TargetCopy.OUTPUT).startsWith("MISMATCH"), resources().toString());
        assertTrue(short1.output().get(0).contains("full-load rows 1 != source rows at the load's start 2"), short1.output().toString());
    }

    @Test
    void aCaughtFailureIsRecordedWithItsMessage() {
        MigrationState.S3Copy created = copy.createEndpoint(withS3().build());
        MigrationState.S3Copy failed = copy.failed(withS3().s3(created).s3Error("io.cutover.failure.StepFailed",
                "{\"errorMessage\":\"S3 endpoint test failed: Access Denied\"}").build());
        assertEquals("FAILED", failed.status());
        assertEquals(created.endpointArn(), failed.endpointArn());
        assertEquals("FAILED: StepFailed: S3 endpoint test failed: Access Denied", resources().get(S3TargetCopy.COPY));
    }

    @Test
    void theTaskIsStoppedAndWaitedForBeforeTheRunCompletes() {
        assertNull(copy.stop(withS3().build()), "no S3 task: nothing to do");
        MigrationState.S3Copy created = copy.createEndpoint(withS3().build());
        MigrationState.S3Copy task = copy.createTask(withS3().s3(created).build());
        dms.setTask(task.taskArn(), "running");
        MigrationState state = withS3().s3(task).build();
        assertThrows(NotReadyYet.class, () -> copy.stop(state));
        assertEquals(List.of(task.taskArn()), dms.stoppedTasks);
        assertThrows(NotReadyYet.class, () -> copy.stop(state), "stopping");
        dms.setTask(task.taskArn(), "stopped");
        assertEquals("STOPPED", copy.stop(state).status());
        assertEquals(1, dms.stoppedTasks.size());
    }

    @Test
    void afterARollbackTheTaskIsStoppedDeletedThenTheEndpointDeleted() {
        assertNull(copy.remove(withS3().build()), "nothing created: nothing to remove");
        MigrationState.S3Copy created = copy.createEndpoint(withS3().build());
        MigrationState.S3Copy task = copy.createTask(withS3().s3(created).build());
        dms.setTask(task.taskArn(), "running");
        MigrationState state = withS3().build();
        assertThrows(NotReadyYet.class, () -> copy.remove(state), "stopping first");
        dms.setTask(task.taskArn(), "stopped");
        assertThrows(NotReadyYet.class, () -> copy.remove(state), "deleting");
        assertEquals(List.of(task.taskArn()), dms.deletedTasks);
        assertTrue(dms.deletedEndpoints.isEmpty(), "the endpoint waits until the task is gone");
        dms.finishDeleting(task.taskArn());
        assertEquals("REMOVED", copy.remove(state).status());
        assertEquals(List.of(created.endpointArn()), dms.deletedEndpoints);
    }
}
