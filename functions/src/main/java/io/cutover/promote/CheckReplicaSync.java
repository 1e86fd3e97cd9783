package io.cutover.promote;

import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * With the applications frozen, has the replica applied everything the source wrote? Without a
 * freeze (PostgreSQL no-freeze mode) exactness comes from the fork LSN, so lag under the limit
 * is enough.
 */
public final class CheckReplicaSync {
    private final SourceProbes probes;
    private final Clock clock;

    public CheckReplicaSync(SourceProbes probes, Clock clock) {
        this.probes = probes;
        this.clock = clock;
    }

    public RunState.SyncCheck check(RunState state) {
        SourceProbe probe = probes.forEngine(state.engine());
        ReplicaLag lag = probe.lag(state.sourceConnection(), state.replicaConnection());
        Instant now = clock.instant();
        Instant first = state.sync() == null ? now : state.sync().firstCheckedAt();
        int checks = state.sync() == null ? 1 : state.sync().checks() + 1;
        boolean frozen = state.input().freezeApplications();
        if (frozen && state.engine() == Engine.ORACLE) {
            // A frozen, idle primary's SCN moves on without redo: the standby is in sync once it has
            // applied the SCN the source had at the first check, with a log switch to ship the redo.
            String target = state.sync() == null ? lag.sourcePosition() : state.sync().sourcePosition();
            BigInteger behind = Position.scn(target).subtract(Position.scn(lag.replicaPosition())).max(BigInteger.ZERO);
            if (behind.signum() > 0) probe.forceRedo(state.sourceConnection());
            lag = new ReplicaLag(lag.seconds(), behind.longValue(), target, lag.replicaPosition());
        }
        boolean inSync = frozen
                ? lag.distance() <= 0
                : lag.seconds() <= state.input().limits().maxLagSeconds();
        if (!inSync && Duration.between(first, now).toSeconds() >= state.input().limits().syncWaitSeconds()) {
            throw new StepFailed("replica did not catch up with the frozen source within "
                    + state.input().limits().syncWaitSeconds() + " s: source at " + lag.sourcePosition()
                    + ", replica at " + lag.replicaPosition() + " (" + lag.distance() + " behind)");
        }
        return new RunState.SyncCheck(inSync, lag.distance(), lag.sourcePosition(), lag.replicaPosition(), checks, first);
    }
}
