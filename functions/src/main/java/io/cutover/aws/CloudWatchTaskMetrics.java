package io.cutover.aws;

import io.cutover.replication.CdcLatency;
import io.cutover.replication.TaskMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * {@link TaskMetrics} on CloudWatch: one GetMetricData call for both AWS/DMS latency metrics,
 * one-minute maxima over the last {@link #WINDOW}, newest first.
 */
public final class CloudWatchTaskMetrics implements TaskMetrics {

    static final String SERVICE = "CloudWatch";
    /** DMS publishes task metrics about every minute; five minutes tolerates a late datapoint. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final CloudWatchClient cloudWatch;
    private final Clock clock;

    public CloudWatchTaskMetrics(CloudWatchClient cloudWatch) {
        this(cloudWatch, Clock.systemUTC());
    }

    CloudWatchTaskMetrics(CloudWatchClient cloudWatch, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    @Override
    public Optional<CdcLatency> cdcLatency(String replicationInstanceId, String taskResourceId) {
        Instant end = clock.instant();
        List<MetricDataResult> results;
        try {
            results = cloudWatch.getMetricData(r -> r
                    .startTime(end.minus(WINDOW)).endTime(end).scanBy(ScanBy.TIMESTAMP_DESCENDING)
                    .metricDataQueries(query("source", "CDCLatencySource", replicationInstanceId, taskResourceId),
                            query("target", "CDCLatencyTarget", replicationInstanceId, taskResourceId)))
                    .metricDataResults();
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "GetMetricData", e);
        }
        MetricDataResult source = byId(results, "source");
        MetricDataResult target = byId(results, "target");
        if (source == null || target == null || source.values().isEmpty() || target.values().isEmpty()) {
            return Optional.empty();
        }
        Instant at = source.timestamps().get(0).isBefore(target.timestamps().get(0))
                ? source.timestamps().get(0) : target.timestamps().get(0);
        return Optional.of(new CdcLatency(seconds(source.values().get(0)), seconds(target.values().get(0)), at));
    }

    private static MetricDataQuery query(String id, String metric, String instance, String task) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s
                .stat("Maximum").period(60)
                .metric(m -> m.namespace("AWS/DMS").metricName(metric).dimensions(
                        Dimension.builder().name("ReplicationInstanceIdentifier").value(instance).build(),
                        Dimension.builder().name("ReplicationTaskIdentifier").value(task).build())))
                .build();
    }

    private static MetricDataResult byId(List<MetricDataResult> results, String id) {
        return results.stream().filter(r -> id.equals(r.id())).findFirst().orElse(null);
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
