package io.cutover.replication;

import java.util.Optional;

/**
 * Port: what DMS publishes about a task only as metrics (CloudWatch namespace AWS/DMS in AWS):
 * the CDC latency, which no Describe call returns.
 */
public interface TaskMetrics {

    /**
     * The task's latest CDCLatencySource and CDCLatencyTarget datapoints of the last few minutes;
     * empty when there is none yet (a task publishes them once it applies changes).
     *
     * @param replicationInstanceId the metrics' ReplicationInstanceIdentifier dimension
     * @param taskResourceId        the metrics' ReplicationTaskIdentifier dimension: the task's
     *                              resource id (the last part of its ARN)
     */
    Optional<CdcLatency> cdcLatency(String replicationInstanceId, String taskResourceId);
}
