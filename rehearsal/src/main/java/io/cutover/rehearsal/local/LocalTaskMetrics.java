package io.cutover.rehearsal.local;

import io.cutover.replication.CdcLatency;
import io.cutover.replication.TaskMetrics;

import java.util.Optional;

/** CloudWatch's DMS task metrics for the rehearsal: the local DMS measures its own CDC latency. */
public final class LocalTaskMetrics implements TaskMetrics {
    private final LocalReplication replication;

    public LocalTaskMetrics(LocalReplication replication) {
        this.replication = replication;
    }

    @Override
    public Optional<CdcLatency> cdcLatency(String replicationInstanceId, String taskResourceId) {
        return replication.taskArnByResourceId(taskResourceId).flatMap(replication::cdcLatency);
    }
}
