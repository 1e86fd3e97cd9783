package io.cutover.testing;

import io.cutover.instance.Engine;
import io.cutover.probe.BlockingSession;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.LogicalSlotBlocked;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.probe.SlotRemoval;
import io.cutover.probe.SlotUse;
import io.cutover.probe.SourceProbe;
import io.cutover.probe.SourceProbes;

import java.util.ArrayList;
import java.util.List;

/** Scripted probe answers for unit tests of the use cases (the real probes have their own tests). */
public final class FakeProbes implements SourceProbes, SourceProbe {
    public volatile CdcReadiness readiness = new CdcReadiness(true, List.of());
    public volatile ReplicaLag lag = new ReplicaLag(0, 0, "0/3000060", "0/3000060");
    public volatile OpenTransactions open = new OpenTransactions(0, null);
    public volatile String current = "0/3000060";
    public volatile String fork = "0/3000100";
    public final List<String> slotsPrepared = new ArrayList<>();
    /** The questions asked, in order (position, transactions and lag reads, log switches). */
    public final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When set, slot creation is blocked by these sessions (as PostgreSQL's waits for open transactions). */
    public volatile List<BlockingSession> slotBlockers = List.of();
    /** What dropLogicalSlot answers; every call is recorded. */
    public volatile SlotRemoval removal = new SlotRemoval(SlotRemoval.Outcome.DROPPED, null);
    public final List<String> slotsDropped = new ArrayList<>();
    /** What logicalSlotUse answers, by slot name; absent: no such slot. */
    public final java.util.Map<String, SlotUse> slotUse = new java.util.concurrent.ConcurrentHashMap<>();
    /** Log switches requested (Oracle's forceRedo). */
    public final java.util.concurrent.atomic.AtomicInteger redoForced = new java.util.concurrent.atomic.AtomicInteger();
    /** What userCommitsBetween answers. */
    public volatile int commitsBetween;

    @Override
    public SourceProbe forEngine(Engine engine) {
        return this;
    }

    @Override
    public CdcReadiness cdcReadiness(DbConnection source) {
        return readiness;
    }

    @Override
    public Position currentPosition(DbConnection source) {
        calls.add("currentPosition");
        return new Position(source.engine(), current, "fake current position");
    }

    @Override
    public ReplicaLag lag(DbConnection source, DbConnection replica) {
        calls.add("lag");
        return lag;
    }

    @Override
    public OpenTransactions openTransactions(DbConnection source) {
        calls.add("openTransactions");
        return open;
    }

    @Override
    public synchronized void prepareLogicalSlot(DbConnection source, String slotName, String publicationName, String plugin) {
        if (!slotBlockers.isEmpty()) throw new LogicalSlotBlocked(slotName, slotBlockers);
        if (!slotsPrepared.contains(slotName)) slotsPrepared.add(slotName);
    }

    @Override
    public synchronized SlotRemoval dropLogicalSlot(DbConnection source, String slotName, String publicationName) {
        slotsDropped.add(slotName + "/" + publicationName);
        return removal;
    }

    @Override
    public SlotUse logicalSlotUse(DbConnection source, String slotName) {
        calls.add("logicalSlotUse " + slotName);
        return slotUse.getOrDefault(slotName, SlotUse.ABSENT);
    }

    @Override
    public Position forkPosition(DbConnection promoted) {
        return new Position(promoted.engine(), fork, "fake fork");
    }

    @Override
    public void forceRedo(DbConnection source) {
        calls.add("forceRedo");
        redoForced.incrementAndGet();
    }

    @Override
    public int userCommitsBetween(DbConnection source, String afterScn, String atOrBeforeScn) {
        return commitsBetween;
    }
}
