package io.cutover.promote;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;
import io.cutover.run.RunStore;

/**
 * Fixes where CDC will start, before the replica is promoted.
 * Oracle: the source SCN, taken only when no transaction is open (DMS misses transactions open
 * at a start SCN), and only once the replica has applied up to it.
 * PostgreSQL: the logical slot and publication are made now, so the source keeps every change
 * after the fork; the exact start (the fork LSN) is read after promotion.
 */
public final class PositionCapture {
    private final SourceProbes probes;
    private final RunStore runs;

    public PositionCapture(SourceProbes probes, RunStore runs) {
        this.probes = probes;
        this.runs = runs;
    }

    public RunState.CapturedPosition capturePosition(RunState state) {
        SourceProbe probe = probes.forEngine(state.engine());
        if (state.engine() == Engine.ORACLE) {
            OpenTransactions open = probe.openTransactions(state.sourceConnection());
            if (!open.none()) {
                throw new NotReadyYet(open.count() + " transaction(s) open on the source (oldest START_SCN "
                        + open.oldestStart() + "); an SCN taken now would make DMS miss them");
            }
            Position scn = probe.currentPosition(state.sourceConnection());
            ReplicaLag lag = probe.lag(state.sourceConnection(), state.replicaConnection());
            if (lag.distance() > 0) {
                throw new NotReadyYet("replica has applied SCN " + lag.replicaPosition() + ", not yet the captured SCN "
                        + scn.value());
            }
            runs.recordPosition(state.runId(), scn.value());
            return new RunState.CapturedPosition("oracle", scn.value(), scn.how(), null, null, null);
        }
        String slot = ResourceNames.slotName(state.runId());
        String publication = ResourceNames.publicationName(state.runId());
        try {
            probe.prepareLogicalSlot(state.sourceConnection(), slot, publication, state.input().dms().postgresPlugin());
        } catch (RuntimeException e) {
            throw new StepFailed("could not create logical slot " + slot + " / publication " + publication
                    + " on the source: " + e.getMessage(), e);
        }
        runs.recordResource(state.runId(), "logicalSlot", slot);
        // The fork must not be before the slot's start, or changes in between would be lost: wait
        // until the replica has replayed everything the source had once the slot existed. Its
        // replay position then is the lower bound of the fork.
        ReplicaLag lag = probe.lag(state.sourceConnection(), state.replicaConnection());
        if (lag.distance() > 0) {
            throw new NotReadyYet("replica has replayed up to " + lag.replicaPosition()
                    + ", not yet the source's " + lag.sourcePosition() + " after the slot was made");
        }
        return new RunState.CapturedPosition("postgres", null,
                "fork LSN of the promoted replica (read after promotion)", slot, publication, lag.replicaPosition());
    }

    /** After promotion: the exact start position. */
    public RunState.CapturedPosition resolveStartPosition(RunState state) {
        RunState.CapturedPosition captured = state.position();
        if (state.engine() == Engine.ORACLE) return captured;
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
}
