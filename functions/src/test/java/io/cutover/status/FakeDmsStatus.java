package io.cutover.status;

import io.cutover.replication.TableStatistic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Scripted DMS status: tasks and endpoints as the test sets them, unknown ARNs "not found". */
final class FakeDmsStatus implements ReplicationStatus {
    final Map<String, TaskStatus> tasks = new ConcurrentHashMap<>();
    final Map<String, EndpointStatus> endpoints = new ConcurrentHashMap<>();
    final List<Collection<String>> endpointQueries = new ArrayList<>();

    @Override
    public synchronized List<EndpointStatus> endpoints(Collection<String> endpointArns) {
        endpointQueries.add(List.copyOf(endpointArns));
        return endpointArns.stream().map(a -> endpoints.getOrDefault(a, EndpointStatus.notFound(a))).toList();
    }

    @Override
    public List<TaskStatus> tasks(Collection<String> taskArns) {
        return taskArns.stream().map(a -> tasks.getOrDefault(a, TaskStatus.notFound(a))).toList();
    }

    @Override
    public List<TableStatistic> tableStatistics(String taskArn) {
        return List.of(new TableStatistic("TASK1", "public", "orders", "Table completed", 0L, 12L, 0L, 0L, 0L,
                "Not enabled", null, null, null));
    }
}
