package io.cutover.rehearsal.status;

import io.cutover.jdbc.ConnectionFactory;
import io.cutover.probe.DbConnection;
import io.cutover.replication.CdcLatency;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.status.EndpointStatus;
import io.cutover.status.ReplicationStatus;
import io.cutover.replication.TableStatistic;
import io.cutover.status.TaskStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status's DMS view of the rehearsal: endpoints, connection tests and tasks as the local DMS
 * holds them, and the CDC latency and checkpoint
 * read from the subscription a task is on its target server (pg_stat_subscription); table
 * statistics are the local DMS's own.
 */
public record LocalReplicationStatus(LocalReplication replication, ConnectionFactory connections)
        implements ReplicationStatus {

    static final String LATENCY_HOW = "local: 0 once the subscription has received (source) or applied (target) the"
            + " source's current WAL position, else seconds since it last heard from the source or last applied"
            + " (pg_stat_subscription); on AWS CDCLatencySource/Target are CloudWatch metrics";


    @Override
    public List<EndpointStatus> endpoints(Collection<String> endpointArns) {
        List<EndpointStatus> out = new ArrayList<>();
        for (String arn : endpointArns) {
            Optional<EndpointDescription> d = replication.describeEndpoint(arn);
            if (d.isEmpty()) {
                out.add(EndpointStatus.notFound(arn));
                continue;
            }
            List<EndpointStatus.ConnectionTest> tests = new ArrayList<>();
            for (Map.Entry<String, ConnectionStatus> t : replication.connectionTests(arn).entrySet()) {
                String instance = t.getKey().substring(t.getKey().lastIndexOf(':') + 1);
                tests.add(new EndpointStatus.ConnectionTest(instance, t.getValue().status(), t.getValue().message()));
            }
            out.add(new EndpointStatus(arn, d.get().identifier(), d.get().type(), d.get().engine(), d.get().status(), tests));
        }
        return out;
    }

    @Override
    public List<TaskStatus> tasks(Collection<String> taskArns) {
        List<TaskStatus> out = new ArrayList<>();
        for (String arn : taskArns) {
            Optional<TaskDescription> task = replication.describeTask(arn);
            Optional<TaskSpec> spec = replication.taskSpec(arn);
            if (task.isEmpty() || spec.isEmpty()) {
                out.add(TaskStatus.notFound(arn));
                continue;
            }
            TaskDescription t = task.get();
            Subscription sub = subscription(arn, spec.get());
            out.add(new TaskStatus(arn, t.identifier(), t.status(), spec.get().migrationType(),
                    spec.get().sourceEndpointArn(), spec.get().targetEndpointArn(), t.cdcStartPosition(), sub.checkpoint(),
                    t.stopReason(), t.lastFailureMessage(), null, null,
                    new TaskStatus.CdcLatency(sub.sourceSeconds(), sub.targetSeconds(), sub.how())));
        }
        return out;
    }

    private record Subscription(String checkpoint, Double sourceSeconds, Double targetSeconds, String how) {
    }

    /**
     * The task's subscription on its target: its checkpoint, and the local DMS's CDC latency (what
     * CloudWatch would hold on AWS). When the target cannot be read, the task still shows, with why.
     */
    private Subscription subscription(String taskArn, TaskSpec spec) {
        Optional<DbConnection> target = replication.endpointConnection(spec.targetEndpointArn());
        if (target.isEmpty()) return new Subscription(null, null, null, "target endpoint unknown");
        Optional<CdcLatency> latency = replication.cdcLatency(taskArn);
        Double source = latency.map(l -> l.source().toMillis() / 1000.0).orElse(null);
        Double lag = latency.map(l -> l.target().toMillis() / 1000.0).orElse(null);
        try (Connection c = connections.open(target.get());
             PreparedStatement ps = c.prepareStatement(
                     "SELECT latest_end_lsn::text FROM pg_stat_subscription WHERE subname = ? AND relid IS NULL")) {
            ps.setQueryTimeout(10);
            ps.setString(1, LocalReplication.subscriptionName(spec.identifier()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new Subscription(null, null, null, "no apply worker on the target (task not started)");
                return new Subscription(rs.getString(1) == null ? null : "latest_end_lsn " + rs.getString(1), source, lag,
                        LATENCY_HOW);
            }
        } catch (SQLException e) {
            return new Subscription(null, source, lag, "unavailable: " + e.getMessage());
        }
    }

    /** The local DMS's own DescribeTableStatistics (see LocalReplication#tableStatistics). */
    @Override
    public List<TableStatistic> tableStatistics(String taskArn) {
        if (replication.taskSpec(taskArn).isEmpty()) throw new IllegalStateException("no local DMS task " + taskArn);
        return replication.tableStatistics(taskArn);
    }

}
