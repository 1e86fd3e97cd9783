package io.cutover.switchover;

import io.cutover.waiting.Poll;
import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * With the applications frozen, a sentinel written on the from-site reaching the to-site means
 * the forward task has applied everything committed before it: the to-site is current. The
 * sentinel is written once per run; later checks only look for it.
 */
public final class Drain {
    private final SiteDatabases sites;
    private final Clock clock;

    public Drain(SiteDatabases sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    public SwitchoverState.Drain drain(SwitchoverState state) {
        SwitchoverInput in = state.input();
        SiteDatabase db = sites.forEngine(in.engine());
        String id = state.runId() + "/drain";
        SwitchoverState.Drain before = state.drain();
        Instant writtenAt = before == null ? clock.instant() : before.writtenAt();
        int checks = before == null ? 1 : before.checks() + 1;
        if (before == null) {
            db.writeSentinel(state.fromConnection(), in.fromSite().schema(), in.sentinelTable(), id, in.fromSite().name());
        }
        Duration left = Duration.ofSeconds(in.limits().drainWaitSeconds()).minus(Duration.between(writtenAt, clock.instant()));
        boolean drained = db.awaitSentinel(state.toConnection(), in.toSite().schema(), in.sentinelTable(), id,
                Poll.min(Poll.MAX_IN_CALL, left.isNegative() ? Duration.ZERO : left), SentinelTrip.PAUSE);
        double seconds = Duration.between(writtenAt, clock.instant()).toMillis() / 1000.0;
        if (!drained) {
            if (seconds >= in.limits().drainWaitSeconds()) {
                throw new StepFailed(String.format("drain: the sentinel written on %s at %s has not reached %s after %.1f s;"
                                + " forward task %s is not applying changes (is %s.%s in its table mappings?)",
                        in.fromSite().name(), writtenAt, in.toSite().name(), seconds, in.forwardTaskIdentifier(),
                        in.fromSite().schema(), in.sentinelTable()));
            }
            return new SwitchoverState.Drain(false, id, writtenAt, seconds, checks, null);
        }
        // Nothing writes on the to-site yet: its newest heartbeat now is the line later ones must cross.
        Long baseline = in.heartbeatTable() == null ? null
                : db.newestHeartbeat(state.toConnection(), in.toSite().schema(), in.heartbeatTable(), in.toSite().name())
                .orElse(0);
        return new SwitchoverState.Drain(true, id, writtenAt, seconds, checks, baseline);
    }
}
