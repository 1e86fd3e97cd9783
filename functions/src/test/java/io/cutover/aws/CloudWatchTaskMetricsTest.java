package io.cutover.aws;

import static io.cutover.aws.StubAws.XML;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.replication.CdcLatency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class CloudWatchTaskMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T02:41:00Z");

    @Test
    void bothLatenciesComeFromOneCallWithTheTasksDimensionsNewestFirst() {
        try (StubAws aws = StubAws.start(); CloudWatchClient client = aws.client(CloudWatchClient.builder())) {
            aws.reply(200, XML, "cloudwatch/get-metric-data-cdc-latency.xml");

            Optional<CdcLatency> latency = new CloudWatchTaskMetrics(client, Clock.fixed(NOW, ZoneOffset.UTC))
                    .cdcLatency("cutover-ri", "TASK2K7M9Q4X6Z1N3B5V8C0D2F");

            assertEquals(Optional.of(new CdcLatency(Duration.ofSeconds(1), Duration.ofMillis(2500),
                    Instant.parse("2026-12-01T02:40:00Z"))), latency);
            String query = "MetricDataQueries.member.";
            aws.onlyRequest().assertForm(Map.of("Action", "GetMetricData", "ScanBy", "TimestampDescending",
                    "StartTime", "2026-12-01T02:36:00Z", query + "1.MetricStat.Metric.Namespace", "AWS/DMS",
                    query + "1.MetricStat.Metric.MetricName", "CDCLatencySource",
                    query + "2.MetricStat.Metric.MetricName", "CDCLatencyTarget",
                    query + "1.MetricStat.Metric.Dimensions.member.1.Name", "ReplicationInstanceIdentifier",
                    query + "1.MetricStat.Metric.Dimensions.member.2.Value", "TASK2K7M9Q4X6Z1N3B5V8C0D2F",
                    query + "1.MetricStat.Stat", "Maximum"));
        }
    }
}
