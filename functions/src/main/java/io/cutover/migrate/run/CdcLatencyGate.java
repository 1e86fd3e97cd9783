package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.input.MigrateInput;
import io.cutover.replication.CdcLatency;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskMetrics;
import io.cutover.switchover.SentinelTrip;
import io.cutover.switchover.SiteDatabases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The gate before the freeze: the task must keep up with the source. Each read takes DMS's own
 * CDCLatencySource/CDCLatencyTarget from CloudWatch and sends a sentinel row through the task
 * (written on the source, looked for on the target); a read passes when the sentinel arrives
 * within {@code maxCdcLatencySeconds} and neither metric is above it. The gate opens after
 * {@code latencyReads} passing reads in a row; one failing read starts the count again. The
 * sentinel decides alone while CloudWatch has no datapoint (a task publishes them only once it
 * applies changes), so a missing metric never opens the gate by itself.
 */
public record CdcLatencyGate(Replication replication, TaskMetrics metrics, SiteDatabases databases, Clock clock) {
    /** A read waits for its sentinel inside one Lambda call: at most this long. */
    static final Duration MAX_SENTINEL_WAIT = Duration.ofSeconds(60);

    public MigrationState.Latency check(MigrationState state) {
        MigrateInput in = state.input();
        MigrationState.Latency before = state.latency();
        Instant first = before == null ? clock.instant() : before.firstCheckedAt();
        int checks = before == null ? 1 : before.checks() + 1;
        Duration limit = Duration.ofSeconds(in.limits().maxCdcLatencySeconds());

        TaskDescription task = replication.findTaskByIdentifier(in.taskIdentifier())
                .orElseThrow(() -> new StepFailed("migration task " + in.taskIdentifier() + " does not exist"));
        if (!task.isRunning()) {
            throw new StepFailed("migration task " + task.identifier() + " is " + task.status() + ", not running: "
                    + (task.lastFailureMessage() != null ? task.lastFailureMessage() : task.stopReason()));
        }
        Optional<CdcLatency> latency = metrics.cdcLatency(resourceId(in.replicationInstanceArn()), resourceId(task.arn()));
        SentinelTrip.Trip trip = SentinelTrip.measure(databases.forEngine(in.sourceEngine()), state.sourceConnection(),
                in.sentinelSchema(), databases.forEngine(in.engine()), state.targetConnection(), in.sentinelSchema(), in.sentinelTable(), state.runId() + "/latency/" + checks,
                in.source().site(), limit.compareTo(MAX_SENTINEL_WAIT) <= 0 ? limit : MAX_SENTINEL_WAIT);
        boolean metricsOk = latency.map(l -> l.worst().compareTo(limit) <= 0).orElse(true);
        boolean passed = trip.arrived() && trip.seconds() <= limit.toMillis() / 1000.0 && metricsOk;
        int consecutive = passed ? (before == null ? 0 : before.consecutive()) + 1 : 0;
        boolean ok = consecutive >= in.limits().latencyReads();

        long waited = Duration.between(first, clock.instant()).toSeconds();
        if (!ok && waited >= in.limits().latencyWaitSeconds()) {
            throw new StepFailed(String.format("CDC latency gate not passed after %d s (%d reads; %d in a row wanted under"
                            + " %d s): sentinel %s, CDCLatencySource %s, CDCLatencyTarget %s; check migration task %s",
                    waited, checks, in.limits().latencyReads(), in.limits().maxCdcLatencySeconds(),
                    trip.arrived() ? trip.seconds() + " s" : "not arrived after " + trip.seconds() + " s",
                    latency.map(l -> seconds(l.source()) + " s").orElse("no datapoint"),
                    latency.map(l -> seconds(l.target()) + " s").orElse("no datapoint"), task.identifier()));
        }
        return new MigrationState.Latency(ok, consecutive, latency.map(l -> seconds(l.source())).orElse(null),
                latency.map(l -> seconds(l.target())).orElse(null), trip.seconds(), checks, first);
    }

    /**
     * The metrics' dimensions, from the ARNs' resource parts. *Assumption* (FACTS.md names the
     * dimensions, not their values): both are the resources' ids as in their ARNs.
     */
    static String resourceId(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
