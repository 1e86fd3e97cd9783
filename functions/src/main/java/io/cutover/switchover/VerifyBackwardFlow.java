package io.cutover.switchover;

import io.cutover.waiting.Poll;
import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * After the thaw: do writes on the to-site reach the from-site? A sentinel written on the
 * to-site must arrive, and - when the input names the heartbeat table - so must the first
 * heartbeat the applications wrote on the to-site after the switch. Polled up to
 * {@code verifyWaitSeconds}; a failure rolls the applications back to the from-site.
 */
public final class VerifyBackwardFlow {
    private final SiteDatabases sites;
    private final Clock clock;

    public VerifyBackwardFlow(SiteDatabases sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    public SwitchoverState.Verify verify(SwitchoverState state) {
        SwitchoverInput in = state.input();
        SiteDatabase db = sites.forEngine(in.engine());
        SwitchoverState.Verify before = state.verify();
        Instant first = before == null ? clock.instant() : before.firstCheckedAt();
        int checks = before == null ? 1 : before.checks() + 1;
        String id = state.runId() + "/verify";
        if (before == null) {
            db.writeSentinel(state.toConnection(), in.toSite().schema(), in.sentinelTable(), id, in.toSite().name());
        }
        Long[] heartbeat = {before == null ? null : before.heartbeatId()};
        long baseline = state.drain() == null || state.drain().heartbeatBaseline() == null ? 0
                : state.drain().heartbeatBaseline();
        Duration left = Duration.ofSeconds(in.limits().verifyWaitSeconds()).minus(Duration.between(first, clock.instant()));
        Duration budget = Poll.min(Poll.MAX_IN_CALL, left.isNegative() ? Duration.ZERO : left);
        long deadline = System.nanoTime() + budget.toNanos();
        // The sentinel first, on one connection; then the heartbeat's trip back (it was written before the sentinel arrived, mostly).
        boolean verified = db.awaitSentinel(state.fromConnection(), in.fromSite().schema(), in.sentinelTable(), id, budget,
                SentinelTrip.PAUSE) && (in.heartbeatTable() == null
                || Poll.until(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> {
            if (heartbeat[0] == null) {
                // The first heartbeat written on the to-site after the switch: it must travel back.
                OptionalLong newest = db.newestHeartbeat(state.toConnection(), in.toSite().schema(), in.heartbeatTable(),
                        in.toSite().name());
                if (newest.isEmpty() || newest.getAsLong() <= baseline) return false;
                heartbeat[0] = newest.getAsLong();
            }
            return db.hasHeartbeat(state.fromConnection(), in.fromSite().schema(), in.heartbeatTable(), heartbeat[0]);
        }));
        double seconds = Duration.between(first, clock.instant()).toMillis() / 1000.0;
        if (!verified && seconds >= in.limits().verifyWaitSeconds()) {
            throw new StepFailed(String.format("writes on %s do not reach %s: after %.1f s %s; check backward task %s",
                    in.toSite().name(), in.fromSite().name(), seconds,
                    heartbeat[0] != null ? "heartbeat " + heartbeat[0] + " written on " + in.toSite().name() + " is not on "
                            + in.fromSite().name()
                            : in.heartbeatTable() != null ? "no heartbeat written on " + in.toSite().name()
                            + " after the switch arrived (is the heartbeat application running?)"
                            : "the verification sentinel has not arrived",
                    in.backwardTaskIdentifier()));
        }
        return new SwitchoverState.Verify(verified, id, heartbeat[0], seconds, checks, first);
    }
}
