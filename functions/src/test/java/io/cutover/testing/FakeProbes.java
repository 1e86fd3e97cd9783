package io.cutover.testing;

import io.cutover.instance.Engine;
import io.cutover.probe.CdcReadiness;
import io.cutover.probe.DbConnection;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
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
        return new Position(source.engine(), current, "fake current position");
    }

    @Override
    public ReplicaLag lag(DbConnection source, DbConnection replica) {
        return lag;
    }

    @Override
    public OpenTransactions openTransactions(DbConnection source) {
        return open;
    }

    @Override
    public synchronized void prepareLogicalSlot(DbConnection source, String slotName, String publicationName, String plugin) {
        if (!slotsPrepared.contains(slotName)) slotsPrepared.add(slotName);
    }

    @Override
    public Position forkPosition(DbConnection promoted) {
        return new Position(promoted.engine(), fork, "fake fork");
    }
}
