package io.cutover.promote;

import io.cutover.failure.StepFailed;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SourceProbes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Is the replica's lag under the run's limit? Polled by the state machine up to a bound. */
public final class CheckLag {
    private final SourceProbes probes;
    private final Clock clock;

    public CheckLag(SourceProbes probes, Clock clock) {
        this.probes = probes;
        this.clock = clock;
    }

    public RunState.LagCheck check(RunState state) {
        ReplicaLag lag = probes.forEngine(state.engine()).lag(state.sourceConnection(), state.replicaConnection());
        Instant now = clock.instant();
        Instant first = state.lag() == null ? now : state.lag().firstCheckedAt();
        int checks = state.lag() == null ? 1 : state.lag().checks() + 1;
        int limit = state.input().limits().maxLagSeconds();
        boolean ok = lag.seconds() <= limit;
        if (!ok && Duration.between(first, now).toSeconds() >= state.input().limits().lagWaitSeconds()) {
            throw new StepFailed(String.format(
                    "replica lag %.1f s (%d behind: source %s, replica %s) stayed above the limit of %d s for %d s (%d checks)",
                    lag.seconds(), lag.distance(), lag.sourcePosition(), lag.replicaPosition(), limit,
                    Duration.between(first, now).toSeconds(), checks));
        }
        return new RunState.LagCheck(ok, lag.seconds(), lag.distance(), lag.sourcePosition(), lag.replicaPosition(),
                checks, first);
    }
}
