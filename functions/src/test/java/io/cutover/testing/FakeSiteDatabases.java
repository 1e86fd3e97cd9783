package io.cutover.testing;

import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.switchover.ReplicationRole;
import io.cutover.switchover.SequenceAdvance;
import io.cutover.switchover.SequenceValue;
import io.cutover.switchover.SiteDatabase;
import io.cutover.switchover.SiteDatabases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two (or more) sites in memory, keyed by host, for unit tests of the switchover use cases. A
 * "flow" from one host to another stands for a running DMS task: sentinel and heartbeat rows
 * written at the source show up at the target at once. The real adapters have their own tests.
 */
public final class FakeSiteDatabases implements SiteDatabases, SiteDatabase {

    public static final class Site {
        public final Set<String> tables = ConcurrentHashMap.newKeySet();
        public final Set<String> sentinels = ConcurrentHashMap.newKeySet();
        public final Map<String, Long> sequences = new TreeMap<>();
        public final Map<Long, String> heartbeats = new ConcurrentHashMap<>();
        public volatile String replicationRole = "origin";
        public volatile boolean roleSetServerWide;
        /** The replica role was set by cutover (holdReplicaRole), so a restore may reset it. */
        public volatile boolean roleSetByCutover = true;
    }

    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    /** host -> hosts its writes reach (a running task each). */
    private final Map<String, Set<String>> flows = new ConcurrentHashMap<>();

    public Site site(String host) {
        return sites.computeIfAbsent(host, h -> {
            Site s = new Site();
            s.tables.add("cutover_sentinel");
            return s;
        });
    }

    public void flow(String fromHost, String toHost, boolean on) {
        Set<String> targets = flows.computeIfAbsent(fromHost, h -> ConcurrentHashMap.newKeySet());
        if (on) targets.add(toHost);
        else targets.remove(toHost);
    }

    /** An application's heartbeat at a site, carried by the flows like any write. */
    public void heartbeat(String host, long id, String siteName) {
        site(host).heartbeats.put(id, siteName);
        for (String target : flows.getOrDefault(host, Set.of())) site(target).heartbeats.put(id, siteName);
    }

    @Override
    public SiteDatabase forEngine(Engine engine) {
        return this;
    }

    @Override
    public boolean tableExists(DbConnection site, String schema, String table) {
        return site(site.host()).tables.contains(table);
    }

    @Override
    public void writeSentinel(DbConnection site, String schema, String table, String id, String siteName) {
        site(site.host()).sentinels.add(id);
        for (String target : flows.getOrDefault(site.host(), Set.of())) site(target).sentinels.add(id);
    }

    @Override
    public boolean hasSentinel(DbConnection site, String schema, String table, String id) {
        return site(site.host()).sentinels.contains(id);
    }

    @Override
    public synchronized List<SequenceValue> sequences(DbConnection site, String schema) {
        List<SequenceValue> out = new ArrayList<>();
        site(site.host()).sequences.forEach((name, next) -> out.add(new SequenceValue(name, next, Long.MAX_VALUE)));
        return out;
    }

    @Override
    public synchronized SequenceAdvance advanceSequence(DbConnection site, String schema, String sequence, long next) {
        Long before = site(site.host()).sequences.get(sequence);
        if (before == null) throw new IllegalStateException("no sequence " + sequence);
        if (before >= next) return new SequenceAdvance(sequence, before, before, false);
        site(site.host()).sequences.put(sequence, next);
        return new SequenceAdvance(sequence, before, next, true);
    }

    @Override
    public ReplicationRole replicationRole(DbConnection site) {
        Site s = site(site.host());
        String role = s.replicationRole;
        // Server-wide (the parameter group): no database or role setting shows.
        boolean noOverride = "origin".equals(role) || s.roleSetServerWide;
        return new ReplicationRole(true, role, noOverride ? List.of() : List.of("database x: " + role), List.of());
    }

    @Override
    public ReplicationRole restoreOriginRole(DbConnection site) {
        Site s = site(site.host());
        if (s.roleSetServerWide) return new ReplicationRole(true, s.replicationRole, List.of(), List.of());
        if ("origin".equals(s.replicationRole)) return new ReplicationRole(true, "origin", List.of(), List.of());
        if (!s.roleSetByCutover) {
            return new ReplicationRole(true, s.replicationRole, List.of("database x: " + s.replicationRole), List.of(),
                    List.of("database x: " + s.replicationRole));
        }
        s.replicationRole = "origin";
        return new ReplicationRole(true, "origin", List.of(), List.of("ALTER ROLE dms IN DATABASE x RESET session_replication_role"));
    }

    @Override
    public void holdReplicaRole(DbConnection site, String login, String runId) {
        site(site.host()).replicationRole = "replica";
        site(site.host()).roleSetByCutover = true;
    }

    @Override
    public OptionalLong newestHeartbeat(DbConnection site, String schema, String table, String siteName) {
        return site(site.host()).heartbeats.entrySet().stream().filter(e -> e.getValue().equals(siteName))
                .mapToLong(Map.Entry::getKey).max();
    }

    @Override
    public boolean hasHeartbeat(DbConnection site, String schema, String table, long id) {
        return site(site.host()).heartbeats.containsKey(id);
    }
}
