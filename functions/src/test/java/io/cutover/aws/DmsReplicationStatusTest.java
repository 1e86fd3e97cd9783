package io.cutover.aws;

import static io.cutover.aws.RecordedDms.SOURCE_ENDPOINT;
import static io.cutover.aws.RecordedDms.TARGET_ENDPOINT;
import static io.cutover.aws.RecordedDms.TASK;
import static io.cutover.aws.StubAws.JSON_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.status.EndpointStatus;
import io.cutover.replication.TableStatistic;
import io.cutover.status.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status's DMS reads against a stub endpoint answering with responses shaped as the DMS API reference shows. */
class DmsReplicationStatusTest extends DmsAdapterTest {

    private static final String GONE = "arn:aws:dms:eu-west-1:123456789012:endpoint:GONE0000000000000000000000";

    @Test
    void endpointsWithTheirConnectionTestsInOneCallEachAndUnknownOnesMarked() {
        aws.reply(200, JSON_1_1, "dms/describe-endpoints-source-and-target.json")
                .reply(200, JSON_1_1, "dms/describe-connections-source-and-target.json");

        List<EndpointStatus> endpoints = status.endpoints(List.of(SOURCE_ENDPOINT, TARGET_ENDPOINT, GONE));

        assertEquals(2, aws.requests().size());
        assertEquals("AmazonDMSv20160101.DescribeEndpoints", aws.requests().get(0).target());
        assertEquals(Map.of("endpoint-arn", List.of(SOURCE_ENDPOINT, TARGET_ENDPOINT, GONE)), filters(aws.requests().get(0).json()));
        assertEquals("AmazonDMSv20160101.DescribeConnections", aws.requests().get(1).target());
        assertEquals(Map.of("endpoint-arn", List.of(SOURCE_ENDPOINT, TARGET_ENDPOINT, GONE)), filters(aws.requests().get(1).json()));

        assertEquals(List.of(SOURCE_ENDPOINT, TARGET_ENDPOINT, GONE), endpoints.stream().map(EndpointStatus::arn).toList());
        EndpointStatus source = endpoints.get(0);
        assertEquals("run-42-src", source.identifier());
        assertEquals("source", source.type());
        assertEquals("active", source.status());
        assertEquals(List.of(new EndpointStatus.ConnectionTest("cutover-ri", "successful", null)), source.connections());
        EndpointStatus target = endpoints.get(1);
        assertEquals("target", target.type());
        assertEquals("failed", target.connections().get(0).status());
        assertTrue(target.connections().get(0).message().contains("Cannot connect to ODBC provider"));
        assertEquals(EndpointStatus.notFound(GONE), endpoints.get(2));
    }

    @Test
    void noEndpointsAskedMeansNoCall() {
        assertEquals(List.of(), status.endpoints(List.of()));
        assertEquals(List.of(), status.tasks(List.of()));
        assertEquals(0, aws.requests().size());
    }

    @Test
    void taskWithStartPositionCheckpointProgressAndWhereCdcLatencyLives() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-running.json");

        TaskStatus t = status.tasks(List.of(TASK)).get(0);

        JsonNode body = aws.onlyRequest().json();
        assertEquals(Map.of("replication-task-arn", List.of(TASK)), filters(body));
        assertTrue(body.path("WithoutSettings").asBoolean());
        assertEquals("run-42-cdc", t.identifier());
        assertEquals("running", t.status());
        assertEquals("cdc", t.migrationType());
        assertEquals("4AF/B00000D0", t.cdcStartPosition());
        assertTrue(t.checkpoint().startsWith("checkpoint:V1#1#000004AF/B00012A8"), t.checkpoint());
        assertEquals(SOURCE_ENDPOINT, t.sourceEndpointArn());
        assertEquals(TARGET_ENDPOINT, t.targetEndpointArn());
        assertEquals(Instant.ofEpochSecond(1_762_165_300L), t.startedAt());
        assertEquals(new TaskStatus.Progress(0, 86_512L, 0, 0, 0, 0), t.progress());
        assertNull(t.cdcLatency().sourceSeconds());
        assertTrue(t.cdcLatency().how().contains("CloudWatch metrics CDCLatencySource and CDCLatencyTarget"));
    }

    @Test
    void aRunningCdcTaskShowsItsLatencyFromCloudWatchUnderTheResourceIdsOfInstanceAndTask() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-running.json");
        List<String> asked = new java.util.ArrayList<>();
        DmsReplicationStatus withMetrics = new DmsReplicationStatus(client, (instance, task) -> {
            asked.add(instance + "/" + task);
            return java.util.Optional.of(new io.cutover.replication.CdcLatency(java.time.Duration.ofMillis(2500),
                    java.time.Duration.ofSeconds(4), Instant.parse("2026-12-01T03:00:00Z")));
        });

        TaskStatus t = withMetrics.tasks(List.of(TASK)).get(0);

        assertEquals(List.of("CUTOVERRI7Q3XKZ2M5N6B4V8C1D/TASK2K7M9Q4X6Z1N3B5V8C0D2F"), asked);
        assertEquals(2.5, t.cdcLatency().sourceSeconds());
        assertEquals(4.0, t.cdcLatency().targetSeconds());
        assertEquals("CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget at 2026-12-01T03:00:00Z", t.cdcLatency().how());
    }

    @Test
    void noDatapointOrAnUnreadableCloudWatchIsSaidNotFatal() {
        aws.reply(200, JSON_1_1, "dms/describe-replication-tasks-running.json")
                .reply(200, JSON_1_1, "dms/describe-replication-tasks-running.json");

        TaskStatus none = new DmsReplicationStatus(client, (i, t) -> java.util.Optional.empty()).tasks(List.of(TASK)).get(0);
        TaskStatus failing = new DmsReplicationStatus(client, (i, t) -> {
            throw new IllegalStateException("AccessDenied");
        }).tasks(List.of(TASK)).get(0);

        assertNull(none.cdcLatency().sourceSeconds());
        assertTrue(none.cdcLatency().how().startsWith("no CloudWatch datapoint"), none.cdcLatency().how());
        assertEquals("CloudWatch not readable: AccessDenied", failing.cdcLatency().how());
        assertEquals("running", failing.status(), "the task is still reported");
    }

    @Test
    void unknownTaskIsMarkedNotFound() {
        aws.reply(400, JSON_1_1, "dms/error-resource-not-found-task.json");
        assertEquals(List.of(TaskStatus.notFound(TASK)), status.tasks(List.of(TASK)));
    }

    @Test
    void tableStatisticsWithRowsChangesAndValidationState() {
        aws.reply(200, JSON_1_1, "dms/describe-table-statistics.json");

        List<TableStatistic> tables = status.tableStatistics(TASK);

        JsonNode body = aws.onlyRequest().json();
        assertEquals("AmazonDMSv20160101.DescribeTableStatistics", aws.onlyRequest().target());
        assertEquals(TASK, body.path("ReplicationTaskArn").asText());
        assertEquals(2, tables.size());
        TableStatistic orders = tables.get(1);
        assertEquals("TASK2K7M9Q4X6Z1N3B5V8C0D2F", orders.task());
        assertEquals("public", orders.schema());
        assertEquals("orders", orders.table());
        assertEquals("Table completed", orders.state());
        assertEquals(1840L, orders.inserts());
        assertEquals(2L, orders.deletes());
        assertEquals("Pending records", orders.validationState());
        assertEquals(17L, orders.validationPending());
        assertEquals("Validated", tables.get(0).validationState());
    }

    @Test
    void throttlingIsANamedTransientFailure() {
        aws.reply(400, JSON_1_1, "dms/error-throttling.json");
        AwsCallException e = assertThrows(AwsCallException.class, () -> status.tableStatistics(TASK));
        assertEquals("DescribeTableStatistics", e.operation());
        assertTrue(e.isTransient());
    }

    private static Map<String, List<String>> filters(JsonNode body) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (JsonNode f : body.path("Filters")) {
            List<String> values = new ArrayList<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            filters.put(f.path("Name").asText(), values);
        }
        return filters;
    }
}
