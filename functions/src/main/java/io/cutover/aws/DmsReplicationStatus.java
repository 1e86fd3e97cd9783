package io.cutover.aws;

import io.cutover.status.EndpointStatus;
import io.cutover.status.ReplicationStatus;
import io.cutover.replication.CdcLatency;
import io.cutover.replication.TableStatistic;
import io.cutover.replication.TaskMetrics;
import io.cutover.status.TaskStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.Connection;
import software.amazon.awssdk.services.databasemigration.model.Endpoint;
import software.amazon.awssdk.services.databasemigration.model.Filter;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTask;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTaskStats;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;
import software.amazon.awssdk.services.databasemigration.model.TableStatistics;

/**
 * {@link ReplicationStatus} on AWS DMS: DescribeEndpoints + DescribeConnections,
 * DescribeReplicationTasks, DescribeTableStatistics - one call each for all the ARNs asked.
 *
 * <p>CDC latency is not part of any Describe call: DMS publishes it as the CloudWatch metrics
 * CDCLatencySource and CDCLatencyTarget. With {@link TaskMetrics} a running task carrying changes
 * shows their latest datapoint (the latency gate's reading); without, the task says where to find it.
 */
public final class DmsReplicationStatus implements ReplicationStatus {

    static final String CDC_LATENCY_NOTE = "not in DescribeReplicationTasks: CloudWatch metrics CDCLatencySource and"
            + " CDCLatencyTarget (namespace AWS/DMS, dimensions ReplicationInstanceIdentifier, ReplicationTaskIdentifier)";
    /** DescribeTableStatistics pages hold at most 500 tables. */
    static final int MAX_TABLES = 500;

    private final DatabaseMigrationClient dms;
    private final TaskMetrics metrics;

    public DmsReplicationStatus(DatabaseMigrationClient dms) {
        this(dms, null);
    }

    /** @param metrics CloudWatch's DMS metrics, or null to say where they live instead of reading them */
    public DmsReplicationStatus(DatabaseMigrationClient dms, TaskMetrics metrics) {
        this.dms = dms;
        this.metrics = metrics;
    }

    @Override
    public List<EndpointStatus> endpoints(Collection<String> endpointArns) {
        if (endpointArns.isEmpty()) return List.of();
        Map<String, Endpoint> found = new LinkedHashMap<>();
        describe("DescribeEndpoints", () -> dms.describeEndpoints(r -> r.filters(filter("endpoint-arn", endpointArns)))
                .endpoints()).forEach(e -> found.put(e.endpointArn(), e));
        Map<String, List<EndpointStatus.ConnectionTest>> tests = new LinkedHashMap<>();
        describe("DescribeConnections", () -> dms.describeConnections(r -> r.filters(filter("endpoint-arn", endpointArns)))
                .connections()).forEach(c -> tests.computeIfAbsent(c.endpointArn(), k -> new ArrayList<>()).add(test(c)));
        List<EndpointStatus> out = new ArrayList<>();
        for (String arn : endpointArns) {
            Endpoint e = found.get(arn);
            out.add(e == null ? EndpointStatus.notFound(arn) : new EndpointStatus(arn, e.endpointIdentifier(),
                    e.endpointTypeAsString() == null ? null : e.endpointTypeAsString().toLowerCase(Locale.ROOT),
                    e.engineName(), e.status(), tests.getOrDefault(arn, List.of())));
        }
        return out;
    }

    @Override
    public List<TaskStatus> tasks(Collection<String> taskArns) {
        if (taskArns.isEmpty()) return List.of();
        Map<String, ReplicationTask> found = new LinkedHashMap<>();
        // WithoutSettings: the settings JSON is large and the status shows none of it.
        describe("DescribeReplicationTasks", () -> dms.describeReplicationTasks(r -> r
                .filters(filter("replication-task-arn", taskArns)).withoutSettings(true)).replicationTasks())
                .forEach(t -> found.put(t.replicationTaskArn(), t));
        List<TaskStatus> out = new ArrayList<>();
        for (String arn : taskArns) {
            ReplicationTask t = found.get(arn);
            out.add(t == null ? TaskStatus.notFound(arn) : toStatus(t));
        }
        return out;
    }

    @Override
    public List<TableStatistic> tableStatistics(String taskArn) {
        return tableStatistics(dms, taskArn);
    }

    /** The one DescribeTableStatistics call of both DMS adapters (the status view and the runbook). */
    static List<TableStatistic> tableStatistics(DatabaseMigrationClient dms, String taskArn) {
        String task = resourceId(taskArn);
        // A migration task may hold thousands of tables: every page (Marker), MAX_TABLES at a time.
        return describe("DescribeTableStatistics", () -> dms.describeTableStatisticsPaginator(r -> r
                .replicationTaskArn(taskArn).maxRecords(MAX_TABLES)).stream().flatMap(p -> p.tableStatistics().stream()).toList())
                .stream().map(t -> toStatistic(task, t)).toList();
    }

    private TaskStatus toStatus(ReplicationTask t) {
        ReplicationTaskStats s = t.replicationTaskStats();
        TaskStatus.Progress progress = s == null ? null : new TaskStatus.Progress(s.fullLoadProgressPercent(),
                s.elapsedTimeMillis(), s.tablesLoaded(), s.tablesLoading(), s.tablesQueued(), s.tablesErrored());
        return new TaskStatus(t.replicationTaskArn(), t.replicationTaskIdentifier(), t.status(), t.migrationTypeAsString(),
                t.sourceEndpointArn(), t.targetEndpointArn(), t.cdcStartPosition(), t.recoveryCheckpoint(), t.stopReason(),
                t.lastFailureMessage(), t.replicationTaskStartDate(), progress, cdcLatency(t));
    }

    /** The latest CloudWatch datapoint of a running task that carries changes; the metrics' dimensions are resource ids. */
    private TaskStatus.CdcLatency cdcLatency(ReplicationTask t) {
        boolean carriesChanges = t.migrationTypeAsString() != null && t.migrationTypeAsString().contains("cdc");
        if (metrics == null || !carriesChanges || !"running".equals(t.status()) || t.replicationInstanceArn() == null) {
            return new TaskStatus.CdcLatency(null, null, CDC_LATENCY_NOTE);
        }
        try {
            Optional<CdcLatency> l = metrics.cdcLatency(resourceId(t.replicationInstanceArn()), resourceId(t.replicationTaskArn()));
            return l.map(c -> new TaskStatus.CdcLatency(c.source().toMillis() / 1000.0, c.target().toMillis() / 1000.0,
                            "CloudWatch AWS/DMS CDCLatencySource/CDCLatencyTarget at " + c.at()))
                    .orElse(new TaskStatus.CdcLatency(null, null, "no CloudWatch datapoint in the last minutes (a task"
                            + " publishes CDCLatencySource/CDCLatencyTarget once it applies changes)"));
        } catch (RuntimeException e) {
            return new TaskStatus.CdcLatency(null, null, "CloudWatch not readable: " + e.getMessage());
        }
    }

    private static String resourceId(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static TableStatistic toStatistic(String task, TableStatistics t) {
        return new TableStatistic(task, t.schemaName(), t.tableName(), t.tableState(), t.fullLoadRows(),
                t.inserts(), t.updates(), t.deletes(), t.ddls(), t.validationState(), t.validationPendingRecords(),
                t.validationFailedRecords(), t.lastUpdateTime());
    }

    private static EndpointStatus.ConnectionTest test(Connection c) {
        String instance = c.replicationInstanceIdentifier() != null ? c.replicationInstanceIdentifier() : c.replicationInstanceArn();
        return new EndpointStatus.ConnectionTest(instance, c.status(), c.lastFailureMessage());
    }

    private static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    /** DMS answers a filter that matches nothing with ResourceNotFoundFault: that is an empty answer. */
    private static <T> List<T> describe(String operation, Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            return List.of();
        } catch (SdkException e) {
            throw AwsCallException.of(DmsReplication.SERVICE, operation, e);
        }
    }
}
