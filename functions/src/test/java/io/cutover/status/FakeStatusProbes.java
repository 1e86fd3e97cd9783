package io.cutover.status;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Scripted database status answers per host; a host listed as down fails every question, like a stopped server. */
final class FakeStatusProbes implements DatabaseStatusProbes, DatabaseStatusProbe {
    final Map<String, ServerPosition> positions = new ConcurrentHashMap<>();
    final Set<String> down = ConcurrentHashMap.newKeySet();
    /** host -> how long slots() takes (to miss a deadline) */
    final Map<String, Duration> slowSlots = new ConcurrentHashMap<>();
    volatile Engine asked;

    @Override
    public DatabaseStatusProbe forEngine(Engine engine) {
        asked = engine;
        return this;
    }

    @Override
    public ServerPosition position(DbConnection server) {
        check(server);
        return positions.getOrDefault(server.host(), new ServerPosition(false, "0/5000000", "fake", null));
    }

    @Override
    public List<WalSender> walSenders(DbConnection server) {
        check(server);
        return List.of(new WalSender(101, "replica", "10.0.0.2", "streaming", "async", "replica_slot", "0/5000000",
                "0/5000000", "0/5000000", "0/4FFFF00", 0.001, 0.002, 0.003, 256L));
    }

    @Override
    public List<ReplicationSlot> slots(DbConnection server) {
        check(server);
        Duration slow = slowSlots.get(server.host());
        if (slow != null) {
            try {
                Thread.sleep(slow.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        return List.of(new ReplicationSlot("replica_slot", "physical", null, null, true, "0/4000000", null, 16_777_216L,
                "reserved"));
    }

    @Override
    public List<ArchivedLog> archivedLogs(DbConnection server, Duration window) {
        check(server);
        return List.of();
    }

    @Override
    public LogTail recentLog(DbConnection server, int maxLines) {
        check(server);
        return new LogTail("log/postgresql.log", List.of("LOG:  checkpoint complete"), null);
    }

    private void check(DbConnection server) {
        if (down.contains(server.host())) {
            throw new IllegalStateException("connection to " + server.host() + ":" + server.port() + " refused");
        }
    }
}
