package io.cutover.status;

import io.cutover.replication.TableStatistic;
import io.cutover.appmap.Application;
import io.cutover.instance.Engine;
import io.cutover.instance.InstanceDescription;
import io.cutover.probe.DbConnection;
import io.cutover.probe.Position;
import io.cutover.probe.ReplicaLag;
import io.cutover.run.RunRecord;
import io.cutover.status.IsolatedSections.Outcome;
import io.cutover.status.IsolatedSections.Pending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Builds a {@link StatusReport} of a source/replica pair, its DMS resources, its run and its
 * applications. Every section is read on its own with its own deadline ({@link IsolatedSections}):
 * an unreachable replica fills the replica's sections with its error and the rest still shows.
 *
 * <p>Three rounds, because some sections need what others found: (1) the instances, the run and
 * the appmap; (2) the databases (RDS says where they are, the appmap or the caller which database
 * and secret) and the DMS tasks (the run names them); (3) the DMS endpoints and table statistics
 * (the tasks name their endpoints).
 */
public final class StatusCollector {

    public static final String SOURCE_INSTANCE = "sourceInstance";
    public static final String REPLICA_INSTANCE = "replicaInstance";
    public static final String SOURCE_POSITION = "sourcePosition";
    public static final String REPLICA_POSITION = "replicaPosition";
    public static final String SOURCE_REPLICATION = "sourceReplication";
    public static final String SOURCE_SLOTS = "sourceSlots";
    public static final String REPLICA_REPLICATION = "replicaReplication";
    public static final String REPLICA_SLOTS = "replicaSlots";
    public static final String SOURCE_ARCHIVED_LOGS = "sourceArchivedLogs";
    public static final String REPLICA_ARCHIVED_LOGS = "replicaArchivedLogs";
    public static final String SOURCE_LOG = "sourceLog";
    public static final String REPLICA_LOG = "replicaLog";
    public static final String DMS_TASKS = "dmsTasks";
    public static final String DMS_ENDPOINTS = "dmsEndpoints";
    public static final String DMS_TABLES = "dmsTableStatistics";
    public static final String RUN = "run";
    public static final String APP_MAP = "appMap";

    public static final Duration DEFAULT_SECTION_TIMEOUT = Duration.ofSeconds(20);
    static final Duration ARCHIVED_LOG_WINDOW = Duration.ofHours(1);
    static final int LOG_LINES = 15;

    private final StatusPorts ports;
    private final Duration sectionTimeout;

    public StatusCollector(StatusPorts ports) {
        this(ports, DEFAULT_SECTION_TIMEOUT);
    }

    public StatusCollector(StatusPorts ports, Duration sectionTimeout) {
        this.ports = ports;
        this.sectionTimeout = sectionTimeout;
    }

    /** The section keys of a report, in display order (engine null: only the engine-neutral ones). */
    public static List<String> keys(Engine engine) {
        List<String> keys = new ArrayList<>(List.of(SOURCE_INSTANCE, REPLICA_INSTANCE, SOURCE_POSITION, REPLICA_POSITION));
        if (engine == Engine.POSTGRES) keys.addAll(List.of(SOURCE_REPLICATION, SOURCE_SLOTS, REPLICA_REPLICATION, REPLICA_SLOTS));
        if (engine == Engine.ORACLE) keys.addAll(List.of(SOURCE_ARCHIVED_LOGS, REPLICA_ARCHIVED_LOGS));
        keys.addAll(List.of(SOURCE_LOG, REPLICA_LOG, DMS_TASKS, DMS_ENDPOINTS, DMS_TABLES, RUN, APP_MAP));
        return keys;
    }

    public StatusReport collect(StatusRequest request) {
        Instant generatedAt = ports.clock().instant();
        try (IsolatedSections s = new IsolatedSections(sectionTimeout)) {
            Outcome<RunRecord> run = null;
            if (request.sourceId() == null) {
                // Only a run named: it says which pair it works on.
                run = s.await(startRun(s, request));
                if (run.ok() && run.value() != null) request = request.withPair(run.value().sourceId(), run.value().replicaId());
            }
            StatusRequest req = request;
            String sourceId = req.sourceId();
            String replicaId = req.replicaId();

            // Round 1: instances, run, appmap.
            Pending<InstanceDescription> sourceP = s.start(SOURCE_INSTANCE, "Source instance " + sourceId,
                    () -> describe("source", sourceId), d -> InstanceStatus.of(d, false));
            Pending<InstanceDescription> replicaP = s.start(REPLICA_INSTANCE, "Replica instance " + replicaId,
                    () -> describe("replica", replicaId), d -> InstanceStatus.of(d, true));
            Pending<RunRecord> runP = run == null ? startRun(s, req) : null;
            Pending<List<Application>> appsP = s.start(null, null, () -> ports.appMap().list());
            Outcome<InstanceDescription> source = s.await(sourceP);
            Outcome<InstanceDescription> replica = s.await(replicaP);
            if (runP != null) run = s.await(runP);
            Outcome<List<Application>> apps = s.await(appsP);
            RunRecord runRecord = run.ok() ? run.value() : null;
            recordAppMap(s, req, apps, source, replica);

            // Round 2: the databases and the DMS tasks.
            Engine engine = engine(source, replica, runRecord);
            List<Application> known = apps.ok() ? apps.value() : List.of();
            Callable<DbConnection> sourceDb = () -> connection("source", engine, source, req.source(), known);
            Callable<DbConnection> replicaDb = () -> connection("replica", engine, replica, req.replica(), known);
            List<Pending<?>> databases = new ArrayList<>();
            databases.add(s.start(SOURCE_POSITION, "Source position", () -> sourcePosition(engine, sourceDb.call())));
            databases.add(s.start(REPLICA_POSITION, "Replica position and lag",
                    () -> replicaPosition(engine, sourceDb, replicaDb.call())));
            if (engine == Engine.POSTGRES) {
                databases.add(s.start(SOURCE_REPLICATION, "pg_stat_replication on the source",
                        () -> status(engine).walSenders(sourceDb.call())));
                databases.add(s.start(SOURCE_SLOTS, "Replication slots on the source",
                        () -> status(engine).slots(sourceDb.call())));
                databases.add(s.start(REPLICA_REPLICATION, "pg_stat_replication on the replica",
                        () -> status(engine).walSenders(replicaDb.call())));
                databases.add(s.start(REPLICA_SLOTS, "Replication slots on the replica",
                        () -> status(engine).slots(replicaDb.call())));
            } else if (engine == Engine.ORACLE) {
                databases.add(s.start(SOURCE_ARCHIVED_LOGS, "Archived logs of the source, last hour",
                        () -> status(engine).archivedLogs(sourceDb.call(), ARCHIVED_LOG_WINDOW)));
                databases.add(s.start(REPLICA_ARCHIVED_LOGS, "Archived logs of the replica, last hour",
                        () -> status(engine).archivedLogs(replicaDb.call(), ARCHIVED_LOG_WINDOW)));
            }
            String log = engine == Engine.ORACLE ? "Alert log" : "Server log";
            databases.add(s.start(SOURCE_LOG, log + " of the source", () -> status(engine).recentLog(sourceDb.call(), LOG_LINES)));
            databases.add(s.start(REPLICA_LOG, log + " of the replica", () -> status(engine).recentLog(replicaDb.call(), LOG_LINES)));

            Set<String> taskArns = new LinkedHashSet<>(req.taskArns());
            if (runRecord != null && runRecord.resources().get("cdcTaskArn") != null) {
                taskArns.add(runRecord.resources().get("cdcTaskArn"));
            }
            Pending<List<TaskStatus>> tasksP = s.start(DMS_TASKS, "DMS tasks", () -> ports.dms().tasks(taskArns),
                    tasks -> tasks.isEmpty() ? new Note(noTasks(runRecord)) : tasks);
            for (Pending<?> p : databases) s.await(p);
            Outcome<List<TaskStatus>> tasks = s.await(tasksP);

            // Round 3: what the tasks name.
            Set<String> endpointArns = new LinkedHashSet<>(req.endpointArns());
            if (runRecord != null && runRecord.resources().get("targetEndpointArn") != null) {
                endpointArns.add(runRecord.resources().get("targetEndpointArn"));
            }
            List<TaskStatus> found = tasks.ok() ? tasks.value().stream().filter(t -> t.identifier() != null).toList() : List.of();
            for (TaskStatus t : found) {
                if (t.sourceEndpointArn() != null) endpointArns.add(t.sourceEndpointArn());
                if (t.targetEndpointArn() != null) endpointArns.add(t.targetEndpointArn());
            }
            Pending<List<EndpointStatus>> endpointsP = s.start(DMS_ENDPOINTS, "DMS endpoints and connection tests",
                    () -> ports.dms().endpoints(endpointArns),
                    list -> list.isEmpty() ? new Note("no DMS endpoint named by the request, the run or its tasks") : list);
            Pending<List<TableStatistic>> tablesP = s.start(DMS_TABLES, "DMS table statistics", () -> {
                List<TableStatistic> all = new ArrayList<>();
                for (TaskStatus t : found) all.addAll(ports.dms().tableStatistics(t.arn()));
                return all;
            }, list -> list.isEmpty() ? new Note(found.isEmpty() ? "no DMS task" : "no table statistics yet") : list);
            s.await(endpointsP);
            s.await(tablesP);

            return new StatusReport(generatedAt, sourceId, replicaId, runRecord != null ? runRecord.runId() : req.runId(),
                    engine == null ? null : engine.dmsEngineName(), ordered(s.sections(), engine));
        }
    }

    private Pending<RunRecord> startRun(IsolatedSections s, StatusRequest req) {
        return s.start(RUN, "Run", () -> findRun(req), r -> r == null
                ? new Note("no run named and none holds the lock on " + req.sourceId()) : RunSummary.of(r));
    }

    /** The named run, else the one holding the source's lock (the run in progress), else none. */
    private RunRecord findRun(StatusRequest req) {
        if (req.runId() != null) {
            return ports.runs().run(req.runId())
                    .orElseThrow(() -> new IllegalStateException("no run item for run " + req.runId()));
        }
        return ports.runs().lockHolder(req.sourceId()).flatMap(ports.runs()::run).orElse(null);
    }

    private InstanceDescription describe(String role, String id) {
        if (id == null) throw new IllegalStateException("no " + role + " instance named");
        return ports.instances().describe(id)
                .orElseThrow(() -> new IllegalStateException("no DB instance " + id));
    }

    /** Named applications, and any other whose sites point at the source or the replica. */
    private static void recordAppMap(IsolatedSections s, StatusRequest req, Outcome<List<Application>> apps,
                                     Outcome<InstanceDescription> source, Outcome<InstanceDescription> replica) {
        String title = "Applications (appmap)";
        if (!apps.ok()) {
            s.record(APP_MAP, title, null, apps.error());
            return;
        }
        Map<String, Application> byName = new LinkedHashMap<>();
        apps.value().forEach(a -> byName.put(a.name(), a));
        List<AppEntry> entries = new ArrayList<>();
        for (String name : req.applications()) {
            Application app = byName.get(name);
            entries.add(app == null ? new AppEntry(name, "NOT IN APPMAP", null, null, 0, Map.of(), "named")
                    : AppEntry.of(app, "named"));
        }
        for (Application app : apps.value()) {
            if (req.applications().contains(app.name())) continue;
            String on = pointsAt(app, source, "source");
            if (on == null) on = pointsAt(app, replica, "replica");
            if (on != null) entries.add(AppEntry.of(app, "a site on the " + on));
        }
        s.record(APP_MAP, title, entries.isEmpty() ? new Note("no application named or pointing at the pair") : entries, null);
    }

    private static String pointsAt(Application app, Outcome<InstanceDescription> instance, String role) {
        if (!instance.ok() || instance.value().host() == null) return null;
        InstanceDescription d = instance.value();
        boolean match = app.sites().values().stream()
                .anyMatch(site -> d.host().equalsIgnoreCase(site.host()) && d.port() == site.port());
        return match ? role : null;
    }

    private static Engine engine(Outcome<InstanceDescription> source, Outcome<InstanceDescription> replica, RunRecord run) {
        for (Outcome<InstanceDescription> o : List.of(source, replica)) {
            if (o.ok()) {
                try {
                    return Engine.parse(o.value().engine());
                } catch (IllegalArgumentException ignored) {
                    // an engine this product does not move; try the next clue
                }
            }
        }
        if (run != null && run.engine() != null) {
            try {
                return Engine.parse(run.engine());
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        return null;
    }

    private static DbConnection connection(String role, Engine engine, Outcome<InstanceDescription> instance,
                                           StatusRequest.DatabaseHint hint, List<Application> apps) {
        if (engine == null) throw new IllegalStateException("engine unknown: neither instance could be described");
        if (!instance.ok()) throw new IllegalStateException(role + " instance unknown: " + instance.error());
        return DatabaseAddress.resolve(role, engine, instance.value(), hint, apps);
    }

    private DatabaseStatusProbe status(Engine engine) {
        return ports.databases().forEngine(engine);
    }

    private Position sourcePosition(Engine engine, DbConnection source) {
        return ports.probes().forEngine(engine).currentPosition(source);
    }

    /**
     * A replica still in recovery: the lag as the run's lag gate measures it (source first). A
     * promoted one: its own position and, for PostgreSQL, where its timeline forked.
     */
    private ReplicaPosition replicaPosition(Engine engine, Callable<DbConnection> source, DbConnection replica) {
        ServerPosition own = status(engine).position(replica);
        String unit = engine == Engine.POSTGRES ? "bytes" : "SCN";
        if (own.inRecovery()) {
            try {
                ReplicaLag lag = ports.probes().forEngine(engine).lag(source.call(), replica);
                return new ReplicaPosition("replica", lag.replicaPosition(), own.how(), lag.sourcePosition(),
                        lag.seconds(), lag.distance(), unit, null, null);
            } catch (Exception e) {
                return new ReplicaPosition("replica", own.position(), own.how(), null, null, null, unit, null,
                        "lag unknown: " + IsolatedSections.describe(e));
            }
        }
        String fork = null;
        String note = "promoted: no longer applies the source's changes";
        if (engine == Engine.POSTGRES) {
            try {
                fork = ports.probes().forEngine(engine).forkPosition(replica).value();
            } catch (RuntimeException e) {
                note += "; fork position unknown: " + IsolatedSections.describe(e);
            }
        }
        return new ReplicaPosition("promoted", own.position(), own.how(), null, null, null, unit, fork, note);
    }

    private static String noTasks(RunRecord run) {
        return run == null ? "no DMS task named and no run" : "the run has not created its CDC task yet";
    }

    private static Map<String, StatusReport.Section> ordered(Map<String, StatusReport.Section> sections, Engine engine) {
        Map<String, StatusReport.Section> out = new LinkedHashMap<>();
        for (String key : keys(engine)) if (sections.containsKey(key)) out.put(key, sections.get(key));
        sections.forEach(out::putIfAbsent);
        return out;
    }
}
