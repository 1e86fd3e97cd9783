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
            Map<String, String> form = aws.onlyRequest().form();
            assertEquals("GetMetricData", form.get("Action"));
            assertEquals("TimestampDescending", form.get("ScanBy"));
            assertEquals("2026-12-01T02:36:00Z", form.get("StartTime"));
            assertEquals("AWS/DMS", form.get("MetricDataQueries.member.1.MetricStat.Metric.Namespace"));
            assertEquals("CDCLatencySource", form.get("MetricDataQueries.member.1.MetricStat.Metric.MetricName"));
            assertEquals("CDCLatencyTarget", form.get("MetricDataQueries.member.2.MetricStat.Metric.MetricName"));
            assertEquals("ReplicationInstanceIdentifier",
                    form.get("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name"));
            assertEquals("TASK2K7M9Q4X6Z1N3B5V8C0D2F",
                    form.get("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value"));
            assertEquals("Maximum", form.get("MetricDataQueries.member.1.MetricStat.Stat"));
        }
    }
}
