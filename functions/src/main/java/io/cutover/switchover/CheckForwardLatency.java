package io.cutover.switchover;

import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Is the forward task's CDC latency under the limit? Measured end to end, not read from
 * CloudWatch's CDCLatencyTarget: a sentinel row written on the from-site must show up on the
 * to-site within {@code maxLatencySeconds}. Works the same on DMS and on the rehearsal, and
 * needs no CloudWatch permission. Polled by the state machine up to {@code latencyWaitSeconds}.
 */
public final class CheckForwardLatency {
    private final SiteDatabases sites;
    private final Clock clock;

    public CheckForwardLatency(SiteDatabases sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    public SwitchoverState.Latency check(SwitchoverState state) {
        SwitchoverInput in = state.input();
        SiteDatabase db = sites.forEngine(in.engine());
        Instant now = clock.instant();
        Instant first = state.latency() == null ? now : state.latency().firstCheckedAt();
        int checks = state.latency() == null ? 1 : state.latency().checks() + 1;
        String id = state.runId() + "/latency/" + checks;
        Duration limit = Duration.ofSeconds(in.limits().maxLatencySeconds());

        SentinelTrip.Trip trip = SentinelTrip.measure(db, state.fromConnection(), in.fromSite().schema(),
                state.toConnection(), in.toSite().schema(), in.sentinelTable(), id, in.fromSite().name(), limit);
        boolean arrived = trip.arrived();
        double seconds = trip.seconds();

        long waited = Duration.between(first, clock.instant()).toSeconds();
        if (!arrived && waited >= in.limits().latencyWaitSeconds()) {
            throw new StepFailed(String.format("forward CDC latency stayed above the limit of %d s for %d s (%d checks):"
                            + " the last sentinel written on %s had not reached %s after %.1f s; check forward task %s",
                    in.limits().maxLatencySeconds(), waited, checks, in.fromSite().name(), in.toSite().name(), seconds,
                    in.forwardTaskIdentifier()));
        }
        return new SwitchoverState.Latency(arrived, Math.round(seconds * 1000) / 1000.0, id, checks, first);
    }
}
