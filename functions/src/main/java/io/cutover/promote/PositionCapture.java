package io.cutover.promote;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.probe.LogicalSlotBlocked;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SlotLocation;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fixes where CDC will start, before the replica is promoted.
 * Oracle: the source SCN, taken only when no transaction is open (DMS misses transactions open
 * at a start SCN), and only once the replica has applied up to it.
 * PostgreSQL: the logical slot and publication are made now, so the source keeps every change
 * after the fork; the exact start (the fork LSN) is read after promotion.
 */
public record PositionCapture(SourceProbes probes, RunStore runs, Clock clock) {
    /** Run item resource: the logical slot (and publication, same name) this run made on the source. */
    public static final String LOGICAL_SLOT = "logicalSlot";
    static final String SLOT_BLOCKED_SINCE = "logicalSlotBlockedSince";
    static final String SCN_CANDIDATE = "oracleScnCandidate";
    static final String SLOT_MADE_AT = "logicalSlotSourceLsn";

    /**
     * Slot creation waits for every transaction open when it starts. Rather than hold a statement
     * (and, frozen, the applications) on them blindly, the step names them and is retried, up to
     * limits.slotWaitSeconds from the first time it found them.
     */
    private RuntimeException waitForBlockers(RunState state, LogicalSlotBlocked blocked) {
        Instant now = clock.instant();
        String since = runs.run(state.runId()).map(RunRecord::resources).map(r -> r.get(SLOT_BLOCKED_SINCE)).orElse(null);
        if (since == null) runs.recordResource(state.runId(), SLOT_BLOCKED_SINCE, now.toString());
        long waited = since == null ? 0 : Duration.between(Instant.parse(since), now).toSeconds();
        int limit = state.input().limits().slotWaitSeconds();
        if (waited >= limit) {
            return new StepFailed(blocked.getMessage() + " - still open after " + waited + " s (limits.slotWaitSeconds "
                    + limit + "): end those sessions or raise the limit, then start a new run");
        }
        return new NotReadyYet(blocked.getMessage() + " - waiting for them to end (" + waited + " of "
                + limit + " s, limits.slotWaitSeconds)");
    }

    /**
     * Inside the freeze. Oracle: the SCN with no user transaction open. PostgreSQL: the slot made
     * before the freeze ({@link #prepareLogicalSlot}) already fixes what CDC can start from; the
     * exact start (the fork LSN) is read after promotion.
     */
    public RunState.CapturedPosition capturePosition(RunState state) {
        if (state.engine() == Engine.ORACLE) return captureScn(state, probes.forEngine(Engine.ORACLE));
        RunState.CapturedPosition prepared = state.position();
        return prepared != null && prepared.slotName() != null ? prepared : prepareLogicalSlot(state);
    }

    /**
     * Before the freeze, PostgreSQL: the run's logical slot and publication on the source. Creating
     * a slot waits for every transaction open at that moment, so it must never run inside the
     * freeze. Oracle has nothing to prepare: its SCN is taken inside the freeze.
     */
    public RunState.CapturedPosition prepareLogicalSlot(RunState state) {
        if (state.engine() == Engine.ORACLE) {
            return new RunState.CapturedPosition("oracle", null, "SCN taken inside the freeze (CapturePosition)", null,
                    null, null);
        }
        SourceProbe probe = probes.forEngine(state.engine());
        String slot = ResourceNames.slotName(state.runId());
        String publication = ResourceNames.publicationName(state.runId());
        try {
            probe.prepareLogicalSlot(state.sourceConnection(), slot, publication, state.input().dms().postgresPlugin());
        } catch (LogicalSlotBlocked blocked) {
            throw waitForBlockers(state, blocked);
        } catch (RuntimeException e) {
            throw new StepFailed("could not create logical slot " + slot + " / publication " + publication
                    + " on the source: " + e.getMessage(), e);
        }
        // With where it is, so ./cleanup can drop it after the run.
        runs.recordResources(state.runId(), SlotLocation.of(LOGICAL_SLOT, slot, state.sourceConnection()));
        // The fork must not be before the slot's start, or changes in between would be lost: wait
        // until the replica has replayed what the source had once the slot existed (kept across
        // retries, so writes going on do not move the mark). That replay position is the lower
        // bound of the fork.
        ReplicaLag lag = probe.lag(state.sourceConnection(), state.replicaConnection());
        String mark = runs.run(state.runId()).map(RunRecord::resources).map(r -> r.get(SLOT_MADE_AT)).orElse(null);
        if (mark == null) {
            mark = lag.sourcePosition();
            runs.recordResource(state.runId(), SLOT_MADE_AT, mark);
        }
        if (Position.lsnToLong(lag.replicaPosition()) < Position.lsnToLong(mark)) {
            throw new NotReadyYet("replica has replayed up to " + lag.replicaPosition()
                    + ", not yet the source's " + mark + " after the slot was made");
        }
        return new RunState.CapturedPosition("postgres", null,
                "fork LSN of the promoted replica (read after promotion)", slot, publication, lag.replicaPosition());
    }

    /**
     * The SCN first, then V$TRANSACTION: a transaction that starts in between starts after the
     * SCN and DMS captures it; one open at the SCN and still open is seen. A transaction open at
     * the SCN that commits before the check is in the promoted database (it commits before the
     * promotion), and DMS starting at the SCN rightly skips it. The SCN found so is kept for the
     * retries that wait for the standby to apply it - a new one each time would be chased for ever
     * on an idle primary, whose SCN moves without redo; a log switch sends the redo there is.
     */
    private RunState.CapturedPosition captureScn(RunState state, SourceProbe probe) {
        String candidate = runs.run(state.runId()).map(RunRecord::resources).map(r -> r.get(SCN_CANDIDATE)).orElse(null);
        Position scn;
        if (candidate != null) {
            scn = new Position(Engine.ORACLE, candidate, "V$DATABASE.CURRENT_SCN, read before V$TRANSACTION showed no user"
                    + " transaction open");
        } else {
            Position current = probe.currentPosition(state.sourceConnection());
            OpenTransactions open = probe.openTransactions(state.sourceConnection());
            if (!open.none()) {
                throw new NotReadyYet(open.count() + " user transaction(s) open on the source (oldest START_SCN "
                        + open.oldestStart() + "); DMS starting at SCN " + current.value() + " would miss them");
            }
            scn = new Position(Engine.ORACLE, current.value(), current.how() + ", read before V$TRANSACTION showed no user"
                    + " transaction open");
            runs.recordResource(state.runId(), SCN_CANDIDATE, scn.value());
        }
        ReplicaLag lag = probe.lag(state.sourceConnection(), state.replicaConnection());
        if (Position.scn(lag.replicaPosition()).compareTo(Position.scn(scn.value())) < 0) {
            probe.forceRedo(state.sourceConnection());
            throw new NotReadyYet("replica has applied SCN " + lag.replicaPosition() + ", not yet the captured SCN "
                    + scn.value() + "; a log switch was requested so the source ships its redo");
        }
        runs.recordPosition(state.runId(), scn.value());
        return new RunState.CapturedPosition("oracle", scn.value(), scn.how(), null, null, null);
    }

    /** After promotion: the exact start position. */
    public RunState.CapturedPosition resolveStartPosition(RunState state) {
        RunState.CapturedPosition captured = state.position();
        if (state.engine() == Engine.ORACLE) return checkOracleFork(state, captured);
        Position fork = probes.forEngine(state.engine()).forkPosition(state.replicaConnection());
        if (captured.lowerBound() != null
                && Position.lsnToLong(fork.value()) < Position.lsnToLong(captured.lowerBound())) {
            throw new StepFailed("fork LSN " + fork.value() + " is before the slot was created (" + captured.lowerBound()
                    + "): changes between them would be lost; the replica is promoted, the slot "
                    + captured.slotName() + " is on the source");
        }
        runs.recordPosition(state.runId(), fork.value());
        return new RunState.CapturedPosition(captured.engine(), fork.value(), fork.how(), captured.slotName(),
                captured.publicationName(), captured.lowerBound());
    }

    /**
     * An RDS Oracle replica applies redo until the promotion request, so the promoted database
     * holds the source as of its own fork point F, which can be past the captured SCN S even with
     * the applications frozen (scheduler jobs, applications outside the appmap). CDC from S is
     * exact when no user transaction that started after S had committed by F; otherwise those
     * changes would be applied twice, and a start at F could miss transactions open at F: the run
     * stops (fail safe) and says which.
     */
    private RunState.CapturedPosition checkOracleFork(RunState state, RunState.CapturedPosition captured) {
        SourceProbe probe = probes.forEngine(Engine.ORACLE);
        Position fork;
        try {
            fork = probe.forkPosition(state.replicaConnection());
        } catch (RuntimeException e) {
            throw new StepFailed("the promoted database's fork point could not be read (" + e.getMessage() + "), so the"
                    + " captured SCN " + captured.value() + " cannot be proved exact; the replica is promoted, no CDC task"
                    + " was created", e);
        }
        int order = Position.scn(fork.value()).compareTo(Position.scn(captured.value()));
        String how;
        if (order < 0) {
            throw new StepFailed("the promoted database forked at SCN " + fork.value() + " (" + fork.how() + "), before"
                    + " the captured SCN " + captured.value() + ": changes between them are in neither the promoted database"
                    + " nor a CDC task from the captured SCN (or RDS did not report the promotion's fork point); the"
                    + " replica is promoted, no CDC task was created");
        } else if (order == 0) {
            how = captured.how() + "; the promoted database forked exactly there (" + fork.how() + ")";
        } else {
            int commits = probe.userCommitsBetween(state.sourceConnection(), captured.value(), fork.value());
            if (commits > 0) {
                throw new StepFailed("the promoted database forked at SCN " + fork.value() + " (" + fork.how() + "), past"
                        + " the captured SCN " + captured.value() + ", and " + commits + " user transaction(s) committed"
                        + " on the source in between (writes the freeze does not cover?): they are already in the"
                        + " promoted database, CDC from " + captured.value() + " would apply them again and CDC from "
                        + fork.value() + " could miss transactions open then; stopped to stay exact - the replica is"
                        + " promoted, no CDC task was created");
            }
            how = captured.how() + "; the promoted database forked later, at " + fork.value() + " (" + fork.how()
                    + "), and no user transaction committed on the source in between";
        }
        return new RunState.CapturedPosition(captured.engine(), captured.value(), how, null, null, null);
    }
}
