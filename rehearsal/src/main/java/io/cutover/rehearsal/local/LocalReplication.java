package io.cutover.rehearsal.local;

import io.cutover.json.Json;
import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.replication.ConnectionStatus;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.instance.Engine;
import io.cutover.jdbc.KeptConnections;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.DbCredentials;
import io.cutover.replication.TableStatistic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DMS for the rehearsal, on real PostgreSQL. An endpoint is a connection (host, port, database,
 * secret); a connection test is a real connect; a CDC task at a position is a logical
 * replication subscription on the target that reads the source endpoint's slot and publication,
 * with its replication origin advanced to the position before it is enabled - so it applies
 * exactly the source's changes after that LSN, as a DMS CDC task would. Task state changes are
 * published as DMS events on the local bus. DMS reads test_decoding and pglogical slots (never
 * pgoutput); a subscription reads only pgoutput, so a task copies the endpoint's slot - position
 * and all - to a pgoutput slot of its own and subscribes to that copy. A task whose settings turn on DMS loopback prevention
 * (two-way replication) subscribes with {@code origin = none} (a full-load-and-cdc task too): it carries only the source's own
 * writes, not those the other direction's subscription applied there.
 */
public final class LocalReplication implements Replication, AutoCloseable {
    private static final long VALIDATION_INTERVAL_MS = 1500;
    public static final String INSTANCE_ARN = "arn:aws:dms:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT
            + ":rep:REHEARSALINSTANCE";

    private record Endpoint(EndpointDescription description, String host, int port, String database,
                            String secretArn, String slotName, String plugin, String publication) {
    }

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, ConnectionStatus> connections = new ConcurrentHashMap<>();
    private final Map<String, TaskDescription> tasks = new ConcurrentHashMap<>();
    private final Map<String, TaskSpec> taskSpecs = new ConcurrentHashMap<>();
    private final Map<String, LocalFullLoad.Load> loads = new ConcurrentHashMap<>();
    /**
     * CDC tasks whose subscription was made (disabled) while the task was creating, as DMS sets a
     * task up at CreateReplicationTask: their StartReplicationTask only positions and enables it.
     */
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    /** S3 target endpoints and the local DMS writing each S3 task (rehearsal.s3.LocalDmsS3Writer). */
    private final Map<String, io.cutover.replication.S3EndpointSpec> s3Endpoints = new ConcurrentHashMap<>();
    private final Map<String, io.cutover.rehearsal.s3.LocalDmsS3Writer> s3Writers = new ConcurrentHashMap<>();
    private volatile java.util.function.Supplier<software.amazon.awssdk.services.s3.S3Client> s3;
    /** Tags by ARN, as DMS keeps those CreateEndpoint/CreateReplicationTask carried (cutover:managed, cutover:run-id). */
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    /** Endpoints deleted (the run's own source endpoints a rollback removed). */
    public final AtomicInteger endpointsDeleted = new AtomicInteger();
    public final AtomicInteger endpointsCreated = new AtomicInteger();
    public final AtomicInteger tasksCreated = new AtomicInteger();
    public final AtomicInteger tasksStarted = new AtomicInteger();
    private final ScheduledExecutorService work = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "local-dms");
        t.setDaemon(true);
        return t;
    });
    private final LocalSecrets secrets;
    private final KeptConnections sessions;
    private final LocalEventBus bus;

    public LocalReplication(LocalSecrets secrets, LocalEventBus bus) {
        this.secrets = secrets;
        this.sessions = new KeptConnections(this::openSession);
        this.bus = bus;
    }

    /**
     * Stops the local DMS's own work (load watchers, validation passes): what runs after the local
     * cloud is gone would only knock on servers that have shut down. Subscriptions stay with their
     * servers, as a DMS task outlives whoever started it.
     */
    @Override
    public void close() {
        work.shutdownNow();
        sessions.close();
    }

    /**
     * The source endpoint a DBA made before the run; for PostgreSQL it names the run's slot and
     * the decoder it is made with (SlotName, PluginName).
     */
    public String registerSourceEndpoint(String identifier, String host, int port, String database, String secretArn,
                                         String slotName, String plugin, String publication) {
        String arn = arn("endpoint", identifier);
        endpoints.put(arn, new Endpoint(new EndpointDescription(arn, identifier, "source", "postgres", "active"),
                host, port, database, secretArn, slotName, plugin, publication));
        connections.put(key(INSTANCE_ARN, arn), new ConnectionStatus("successful", null));
        return arn;
    }

    @Override
    public Optional<String> replicationInstanceStatus(String replicationInstanceArn) {
        return INSTANCE_ARN.equals(replicationInstanceArn) ? Optional.of("available") : Optional.empty();
    }

    @Override
    public Optional<EndpointDescription> describeEndpoint(String endpointArn) {
        return Optional.ofNullable(endpoints.get(endpointArn)).map(Endpoint::description);
    }

    @Override
    public Optional<EndpointDescription> findEndpointByIdentifier(String identifier) {
        return Optional.ofNullable(endpoints.get(arn("endpoint", identifier))).map(Endpoint::description);
    }

    @Override
    public Optional<PostgresSlotSettings> postgresSlotSettings(String endpointArn) {
        return Optional.ofNullable(endpoints.get(endpointArn)).map(e -> new PostgresSlotSettings(e.slotName(), e.plugin()));
    }

    @Override
    public String createEndpoint(EndpointSpec spec) {
        String arn = arn("endpoint", spec.identifier());
        Endpoint e = new Endpoint(new EndpointDescription(arn, spec.identifier(), spec.type().name().toLowerCase(Locale.ROOT),
                spec.engine().dmsEngineName(), "active"), spec.host(), spec.port(), spec.database(), spec.secretArn(),
                spec.slotName(), spec.plugin(), spec.slotName());
        if (endpoints.putIfAbsent(arn, e) != null) {
            throw new IllegalStateException("ResourceAlreadyExistsFault: endpoint " + spec.identifier() + " exists");
        }
        endpointsCreated.incrementAndGet();
        tags.put(arn, io.cutover.replication.ManagedTags.of(spec.runId()));
        return arn;
    }

    /** Where S3 target endpoints write (LocalS3Server's client, started on first use). */
    public void useS3(java.util.function.Supplier<software.amazon.awssdk.services.s3.S3Client> client) {
        this.s3 = client;
    }

    @Override
    public String createS3Endpoint(io.cutover.replication.S3EndpointSpec spec) {
        String arn = arn("endpoint", spec.identifier());
        Endpoint e = new Endpoint(new EndpointDescription(arn, spec.identifier(), "target", "s3", "active"), null, 0, null,
                null, null, null, null);
        if (endpoints.putIfAbsent(arn, e) != null) {
            throw new IllegalStateException("ResourceAlreadyExistsFault: endpoint " + spec.identifier() + " exists");
        }
        s3Endpoints.put(arn, spec);
        endpointsCreated.incrementAndGet();
        return arn;
    }

    /** As DMS's test of an S3 target: the bucket must exist and answer. */
    private ConnectionStatus testS3(io.cutover.replication.S3EndpointSpec spec) {
        if (s3 == null) return new ConnectionStatus("failed", "no S3 server in this rehearsal");
        try {
            s3.get().headBucket(b -> b.bucket(spec.bucketName()));
            return new ConnectionStatus("successful", null);
        } catch (RuntimeException ex) {
            return new ConnectionStatus("failed", "Test connection failed for endpoint '" + spec.identifier() + "': "
                    + ex.getMessage());
        }
    }

    /** A task into an S3 endpoint: the local DMS's S3 writer from the source, its full load then CDC. */
    private void s3Load(String taskArn) {
        TaskSpec spec = taskSpecs.get(taskArn);
        Endpoint source = endpoints.get(spec.sourceEndpointArn());
        try {
            Map.Entry<String, Integer> at = secretAddress(source);
            io.cutover.rehearsal.s3.LocalDmsS3Writer writer = io.cutover.rehearsal.s3.LocalDmsS3Writer.start(
                    "jdbc:postgresql://" + at.getKey() + ":" + at.getValue() + "/" + source.database(),
                    secrets.credentials(source.secretArn()), LocalFullLoad.mapping(spec.tableMappingsJson()),
                    s3Endpoints.get(spec.targetEndpointArn()), s3.get(), new io.cutover.rehearsal.s3.LocalDmsS3Writer.Options(
                            1000, java.time.Duration.ofMillis(200), "s3_" + spec.identifier().toLowerCase(Locale.ROOT).replace('-', '_')));
            s3Writers.put(taskArn, writer);
            status(taskArn, "running", null, null, 0);
            bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_STARTED", "DMS-EVENT-0069", "Replication task started, with flag = fresh start");
            work.schedule(() -> watchS3(taskArn, writer), 100, TimeUnit.MILLISECONDS);
        } catch (RuntimeException ex) {
            fail(taskArn, ex);
        }
    }

    private void watchS3(String taskArn, io.cutover.rehearsal.s3.LocalDmsS3Writer writer) {
        TaskDescription task = tasks.get(taskArn);
        if (task == null || !task.isRunning() || s3Writers.get(taskArn) != writer) return;
        io.cutover.rehearsal.s3.LocalDmsS3Writer.Statistics st = writer.statistics();
        if (st.state() == io.cutover.rehearsal.s3.LocalDmsS3Writer.State.FAILED) {
            fail(taskArn, new IllegalStateException(st.failure()));
            return;
        }
        boolean loaded = st.state() != io.cutover.rehearsal.s3.LocalDmsS3Writer.State.FULL_LOAD;
        int n = st.tables().size();
        status(taskArn, "running", null, null, loaded ? 100 : 0,
                new TaskDescription.TableCounts(loaded ? n : 0, loaded ? 0 : n, 0, 0));
        if (!loaded) work.schedule(() -> watchS3(taskArn, writer), 200, TimeUnit.MILLISECONDS);
    }

    /**
     * DescribeTableStatistics of an S3 task: FullLoadRows is the rows the table had in the load's
     * snapshot (the source's rows at the load's start), changes as the writer wrote them.
     */
    private List<TableStatistic> s3Statistics(String taskArn, io.cutover.rehearsal.s3.LocalDmsS3Writer writer) {
        io.cutover.rehearsal.s3.LocalDmsS3Writer.Statistics st = writer.statistics();
        String state = st.state() == io.cutover.rehearsal.s3.LocalDmsS3Writer.State.FULL_LOAD ? "Table loading" : "Table completed";
        return st.tables().values().stream().map(t -> new TableStatistic(taskSpecs.get(taskArn).identifier(),
                t.source().schema(), t.source().table(), state, t.sourceRowsAtLoadStart(), t.inserts(), t.updates(), t.deletes(),
                0L, "Not enabled", 0L, 0L, java.time.Instant.now())).toList();
    }

    /** The local DMS's S3 writer of a task (the rehearsal's checks compare with its figures). */
    public Optional<io.cutover.rehearsal.s3.LocalDmsS3Writer> s3Writer(String taskArn) {
        return Optional.ofNullable(s3Writers.get(taskArn));
    }

    /** As DMS: refused while a task uses the endpoint; an absent one is nothing to do. */
    @Override
    public void deleteEndpoint(String endpointArn) {
        boolean used = taskSpecs.values().stream()
                .anyMatch(t -> endpointArn.equals(t.sourceEndpointArn()) || endpointArn.equals(t.targetEndpointArn()));
        if (used) throw new IllegalStateException("InvalidResourceStateFault: a task uses endpoint " + endpointArn);
        if (endpoints.remove(endpointArn) != null) endpointsDeleted.incrementAndGet();
        tags.remove(endpointArn);
    }

    @Override
    public void testConnection(String replicationInstanceArn, String endpointArn) {
        Endpoint e = endpoints.get(endpointArn);
        if (e == null) throw new IllegalArgumentException("ResourceNotFoundFault: " + endpointArn);
        connections.put(key(replicationInstanceArn, endpointArn), new ConnectionStatus("testing", null));
        io.cutover.replication.S3EndpointSpec s3Target = s3Endpoints.get(endpointArn);
        if (s3Target != null) {
            work.schedule(() -> connections.put(key(replicationInstanceArn, endpointArn), testS3(s3Target)), 200,
                    TimeUnit.MILLISECONDS);
            return;
        }
        work.schedule(() -> {
            ConnectionStatus result;
            try (Connection c = connectNew(e)) { // a test logs in now, as DMS's does: a rotated secret shows
                c.isValid(5);
                result = new ConnectionStatus("successful", null);
            } catch (SQLException | RuntimeException ex) {
                result = new ConnectionStatus("failed", "Test connection failed for endpoint '"
                        + e.description().identifier() + "': " + ex.getMessage());
            }
            connections.put(key(replicationInstanceArn, endpointArn), result);
        }, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<ConnectionStatus> connectionStatus(String replicationInstanceArn, String endpointArn) {
        return Optional.ofNullable(connections.get(key(replicationInstanceArn, endpointArn)));
    }

    @Override
    public Optional<TaskDescription> describeTask(String taskArn) {
        return Optional.ofNullable(tasks.get(taskArn));
    }

    @Override
    public Optional<TaskDescription> findTaskByIdentifier(String identifier) {
        return Optional.ofNullable(tasks.get(arn("task", identifier)));
    }

    @Override
    public TaskDescription createTask(TaskSpec spec) {
        String arn = arn("task", spec.identifier());
        TaskDescription t = new TaskDescription(arn, spec.identifier(), "creating", null, null, spec.cdcStartPosition(), null,
                spec.migrationType(), null);
        if (tasks.putIfAbsent(arn, t) != null) {
            throw new IllegalStateException("ResourceAlreadyExistsFault: task " + spec.identifier() + " exists");
        }
        taskSpecs.put(arn, spec);
        tags.put(arn, io.cutover.replication.ManagedTags.of(spec.runId()));
        tasksCreated.incrementAndGet();
        bus.dmsTaskEvent(arn, "REPLICATION_TASK_CREATED", "DMS-EVENT-0074", "Replication task has been created");
        work.schedule(() -> {
            prepare(arn);
            status(arn, "ready", null, null);
        }, 300, TimeUnit.MILLISECONDS);
        return t;
    }

    @Override
    public void startTask(String taskArn, String cdcStartPosition) {
        TaskDescription t = tasks.get(taskArn);
        if (t == null) throw new IllegalArgumentException("ResourceNotFoundFault: " + taskArn);
        if (!t.isStartable()) {
            throw new IllegalStateException("InvalidResourceStateFault: task " + t.identifier() + " is " + t.status());
        }
        tasksStarted.incrementAndGet();
        status(taskArn, "starting", null, null);
        // A position given at start (a task created without one) is the task's from then on, as DMS reports it.
        if (cdcStartPosition != null) {
            tasks.computeIfPresent(taskArn, (k, d) -> new TaskDescription(d.arn(), d.identifier(), d.status(), d.stopReason(),
                    d.lastFailureMessage(), cdcStartPosition, d.fullLoadProgressPercent(), d.migrationType(), d.tables()));
        }
        TaskSpec spec = taskSpecs.get(taskArn);
        if (s3Endpoints.containsKey(spec.targetEndpointArn())) {
            work.submit(() -> s3Load(taskArn));
            return;
        }
        LocalFullLoad.Load load = loads.get(taskArn);
        if (load != null) work.submit(() -> resume(taskArn, load));
        else if (LocalFullLoad.isFullLoad(spec.migrationType())) work.submit(() -> fullLoad(taskArn));
        else work.submit(() -> subscribe(taskArn, cdcStartPosition));
    }

    /** start-replication of a full-load or full-load-and-cdc task: the initial copy, then (with CDC) the changes. */
    private void fullLoad(String taskArn) {
        TaskSpec spec = taskSpecs.get(taskArn);
        Endpoint source = endpoints.get(spec.sourceEndpointArn());
        Endpoint target = endpoints.get(spec.targetEndpointArn());
        // Sessions that start now: the load runs under the role settings the target has today.
        try (Connection s = connectNew(source); Connection t = connectNew(target)) {
            LocalFullLoad.Load load = LocalFullLoad.start(spec.identifier(), LocalFullLoad.mapping(spec.tableMappingsJson()),
                    LocalFullLoad.prepMode(spec.settingsJson()), s, t, conninfo(source), loopbackPrevention(spec));
            if (settings(spec).path("ValidationSettings").path("EnableValidation").asBoolean(false)) {
                load.validation = new LocalDmsValidation();
                work.schedule(() -> validate(taskArn, load), 1, TimeUnit.SECONDS);
            }
            loads.put(taskArn, load);
            status(taskArn, "running", null, null, 0);
            bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_STARTED", "DMS-EVENT-0069",
                    "Replication task started, with flag = fresh start");
            work.schedule(() -> watch(taskArn, load), 100, TimeUnit.MILLISECONDS);
        } catch (SQLException | RuntimeException ex) {
            fail(taskArn, ex);
        }
    }

    /**
     * Follows a load until every table is loaded (DMS sends no event for that: a DBA polls
     * DescribeReplicationTasks and DescribeTableStatistics); then a full-load task stops, and a
     * full-load-and-cdc task goes on streaming unless its settings stop it after the cached changes.
     */
    private void watch(String taskArn, LocalFullLoad.Load load) {
        TaskDescription task = tasks.get(taskArn);
        if (task == null || !task.isRunning() || loads.get(taskArn) != load) return;
        try {
            List<TableStatistic> statistics = observe(taskArn, load);
            status(taskArn, "running", null, null, load.progressPercent(LocalFullLoad.loading(statistics)),
                    counts(statistics));
        } catch (SQLException | RuntimeException ex) {
            fail(taskArn, ex);
            return;
        }
        if (load.finished == null) {
            work.schedule(() -> watch(taskArn, load), 200, TimeUnit.MILLISECONDS);
            return;
        }
        TaskSpec spec = taskSpecs.get(taskArn);
        if ("full-load".equals(spec.migrationType())) {
            stop(taskArn, "FULL_LOAD_ONLY_FINISHED");
        } else if (stopsAfterCachedChanges(spec)) {
            stop(taskArn, "STOPPED_AFTER_CACHED_EVENTS");
        }
    }

    /** A validation pass over every loaded table, then the next one, while the task runs. */
    private void validate(String taskArn, LocalFullLoad.Load load) {
        TaskDescription task = tasks.get(taskArn);
        if (task == null || loads.get(taskArn) != load || !(task.isRunning() || "starting".equals(task.status()))) return;
        TaskSpec spec = taskSpecs.get(taskArn);
        try (Connection s = connect(endpoints.get(spec.sourceEndpointArn()));
             Connection t = connect(endpoints.get(spec.targetEndpointArn()))) {
            for (io.cutover.migrate.TableName table : load.loaded()) load.validation.pass(table, s, t);
        } catch (SQLException | RuntimeException ex) {
            System.err.println("local DMS validation of " + spec.identifier() + ": " + ex.getMessage());
        }
        work.schedule(() -> validate(taskArn, load), VALIDATION_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void resume(String taskArn, LocalFullLoad.Load load) {
        try (Connection t = connect(endpoints.get(taskSpecs.get(taskArn).targetEndpointArn()))) {
            LocalFullLoad.resume(load, t);
            status(taskArn, "running", null, null, load.finished == null ? 0 : 100);
            bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_STARTED", "DMS-EVENT-0069",
                    "Replication task started, with flag = resume processing");
            if (load.finished == null) work.schedule(() -> watch(taskArn, load), 100, TimeUnit.MILLISECONDS);
        } catch (SQLException | RuntimeException ex) {
            fail(taskArn, ex);
        }
    }

    /**
     * DescribeTableStatistics of a full-load task: one row per selected table (empty before the
     * task started or for a CDC-only task, which has no load to follow).
     */
    @Override
    public List<TableStatistic> tableStatistics(String taskArn) {
        io.cutover.rehearsal.s3.LocalDmsS3Writer writer = s3Writers.get(taskArn);
        if (writer != null) return s3Statistics(taskArn, writer);
        LocalFullLoad.Load load = loads.get(taskArn);
        if (load == null) return List.of();
        try {
            return observe(taskArn, load);
        } catch (SQLException e) {
            throw new IllegalStateException("table statistics of " + taskSpecs.get(taskArn).identifier() + ": "
                    + e.getMessage(), e);
        }
    }

    private List<TableStatistic> observe(String taskArn, LocalFullLoad.Load load) throws SQLException {
        TaskSpec spec = taskSpecs.get(taskArn);
        try (Connection t = connect(endpoints.get(spec.targetEndpointArn()))) {
            return LocalFullLoad.observe(spec.identifier(), load, t);
        }
    }

    /**
     * What CloudWatch's CDCLatencySource and CDCLatencyTarget would say of a running task, from its
     * subscription: 0 once it has received (source) or applied (target) the WAL the source had when
     * asked - read first, so a busy source cannot make it look caught up - else the time since it
     * last heard from the source or last applied; empty when the task has no running subscription.
     */
    public Optional<io.cutover.replication.CdcLatency> cdcLatency(String taskArn) {
        TaskSpec spec = taskSpecs.get(taskArn);
        TaskDescription task = tasks.get(taskArn);
        if (spec == null || task == null || !task.isRunning()) return Optional.empty();
        try (Connection s = connect(endpoints.get(spec.sourceEndpointArn()));
             Connection t = connect(endpoints.get(spec.targetEndpointArn()))) {
            long sourceLsn;
            try (Statement st = s.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                    "SELECT pg_current_wal_lsn()::text")) {
                rs.next();
                sourceLsn = io.cutover.probe.Position.lsnToLong(rs.getString(1));
            }
            try (PreparedStatement ps = t.prepareStatement("""
                    SELECT received_lsn::text, latest_end_lsn::text,
                           extract(epoch FROM now() - last_msg_receipt_time)::float8,
                           extract(epoch FROM now() - latest_end_time)::float8
                      FROM pg_stat_subscription WHERE subname = ? AND relid IS NULL
                    """)) {
                ps.setString(1, subscriptionName(spec.identifier()));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) return Optional.empty();
                    double source = reached(rs.getString(1), sourceLsn) ? 0 : rs.getDouble(3);
                    double target = reached(rs.getString(2), sourceLsn) ? 0 : Math.max(source, rs.getDouble(4));
                    return Optional.of(new io.cutover.replication.CdcLatency(seconds(source), seconds(target),
                            java.time.Instant.now()));
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static boolean reached(String lsn, long wanted) {
        return lsn != null && Long.compareUnsigned(io.cutover.probe.Position.lsnToLong(lsn), wanted) >= 0;
    }

    private static java.time.Duration seconds(double s) {
        return java.time.Duration.ofMillis(Math.round(Math.max(0, s) * 1000));
    }

    /** The task whose ARN ends in this resource id (CloudWatch's ReplicationTaskIdentifier dimension). */
    public Optional<String> taskArnByResourceId(String resourceId) {
        return tasks.keySet().stream().filter(arn -> arn.endsWith(":" + resourceId)).findFirst();
    }

    /** StopReplicationTask: the task stops applying changes; its slot stays, so resume-processing goes on from there. */
    @Override
    public void stopTask(String taskArn) {
        TaskDescription t = tasks.get(taskArn);
        if (t == null) throw new IllegalArgumentException("ResourceNotFoundFault: " + taskArn);
        if (!t.isRunning()) {
            throw new IllegalStateException("InvalidResourceStateFault: task " + t.identifier() + " is " + t.status());
        }
        status(taskArn, "stopping", null, null, t.fullLoadProgressPercent());
        work.submit(() -> stop(taskArn, "NORMAL"));
    }

    private void stop(String taskArn, String reason) {
        io.cutover.rehearsal.s3.LocalDmsS3Writer writer = s3Writers.get(taskArn);
        if (writer != null) {
            try {
                writer.stop();
                TaskDescription d = tasks.get(taskArn);
                status(taskArn, "stopped", "Stop Reason " + reason, null, d == null ? null : d.fullLoadProgressPercent());
                bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_STOPPED", "DMS-EVENT-0079", "Replication task has stopped. Stop Reason " + reason);
            } catch (RuntimeException ex) {
                fail(taskArn, ex);
            }
            return;
        }
        TaskSpec spec = taskSpecs.get(taskArn);
        try (Connection t = connect(endpoints.get(spec.targetEndpointArn())); Statement s = t.createStatement()) {
            s.execute("ALTER SUBSCRIPTION " + subscriptionName(spec.identifier()) + " DISABLE");
            TaskDescription d = tasks.get(taskArn);
            status(taskArn, "stopped", "Stop Reason " + reason, null, d == null ? null : d.fullLoadProgressPercent());
            bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_STOPPED", "DMS-EVENT-0079",
                    "Replication task has stopped. Stop Reason " + reason);
        } catch (SQLException | RuntimeException ex) {
            fail(taskArn, ex);
        }
    }

    /**
     * DeleteReplicationTask as DMS: refused while the task runs (stop it first); deleting, then
     * gone: its subscription dropped on the target (which drops the slot it made or copied on the
     * source, as a deleted DMS task releases its own). An absent task is nothing to do.
     */
    @Override
    public void deleteTask(String taskArn) {
        TaskDescription t = tasks.get(taskArn);
        if (t == null) return;
        if (!t.isStartable() && !t.isFailed()) {
            throw new IllegalStateException("InvalidResourceStateFault: task " + t.identifier() + " is " + t.status()
                    + "; stop it before deleting it");
        }
        status(taskArn, "deleting", t.stopReason(), t.lastFailureMessage(), t.fullLoadProgressPercent());
        work.submit(() -> deleted(taskArn));
    }

    private void deleted(String taskArn) {
        TaskSpec spec = taskSpecs.get(taskArn);
        loads.remove(taskArn);
        io.cutover.rehearsal.s3.LocalDmsS3Writer writer = s3Writers.remove(taskArn);
        if (writer != null || s3Endpoints.containsKey(spec.targetEndpointArn())) {
            // An S3 task has no subscription: its writer (none if it never started) holds the slot and goes with it.
            if (writer != null) writer.close();
            forget(taskArn);
            return;
        }
        String subscription = subscriptionName(spec.identifier());
        RuntimeException last = null;
        for (int attempt = 0; attempt < 25; attempt++) {
            // The walsender of a just-stopped subscription may still hold its slot for a moment.
            try (Connection c = connect(endpoints.get(spec.targetEndpointArn())); Statement s = c.createStatement()) {
                s.execute("DROP SUBSCRIPTION IF EXISTS " + subscription);
                last = null;
                break;
            } catch (SQLException | RuntimeException ex) {
                last = new IllegalStateException(ex.getMessage(), ex);
                sleep(200);
            }
        }
        if (last != null) {
            fail(taskArn, last);
            return;
        }
        forget(taskArn);
    }

    private void forget(String taskArn) {
        prepared.remove(taskArn);
        taskSpecs.remove(taskArn);
        tasks.remove(taskArn);
        tags.remove(taskArn);
        bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_DELETED", "DMS-EVENT-0073", "Replication task has been deleted");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<TaskDescription> tasksUsingEndpoint(String endpointArn) {
        return taskSpecs.entrySet().stream()
                .filter(e -> endpointArn.equals(e.getValue().sourceEndpointArn()) || endpointArn.equals(e.getValue().targetEndpointArn()))
                .map(e -> tasks.get(e.getKey())).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public Map<String, String> tags(String resourceArn) {
        return tags.getOrDefault(resourceArn, Map.of());
    }

    private static boolean stopsAfterCachedChanges(TaskSpec spec) {
        return settings(spec).path("FullLoadSettings").path("StopTaskCachedChangesApplied").asBoolean(false);
    }

    private void fail(String taskArn, Exception ex) {
        TaskDescription d = tasks.get(taskArn);
        status(taskArn, "failed", "Stop Reason RECOVERABLE_ERROR", "Last Error " + ex.getMessage(),
                d == null ? null : d.fullLoadProgressPercent());
        bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_FAILED", "DMS-EVENT-0078", ex.getMessage());
    }

    private String conninfo(Endpoint source) {
        DbCredentials cred = secrets.credentials(source.secretArn());
        Map.Entry<String, Integer> at = secretAddress(source);
        return "host=" + at.getKey() + " port=" + at.getValue() + " dbname=" + source.database()
                + " user=" + cred.username() + " password=" + cred.password();
    }

    /**
     * While a CDC task (PostgreSQL to PostgreSQL) is creating: its subscription, disabled, so the
     * start does not make it (a start happens inside a freeze). A target that cannot take one yet
     * (a replica still in recovery) or any failure leaves it to the start, which reports it as DMS would.
     */
    private void prepare(String taskArn) {
        TaskSpec spec = taskSpecs.get(taskArn);
        if (spec == null || !"cdc".equals(spec.migrationType()) || s3Endpoints.containsKey(spec.targetEndpointArn())) return;
        Endpoint source = endpoints.get(spec.sourceEndpointArn());
        Endpoint target = endpoints.get(spec.targetEndpointArn());
        if (source == null || target == null || source.slotName() == null) return;
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                if (!rs.next() || rs.getBoolean(1)) return;
            }
            createSubscription(s, spec, source);
            prepared.add(taskArn);
        } catch (SQLException | RuntimeException ex) {
            // the start makes it, or fails as the task
        }
    }

    /** The task's subscription on its target, disabled, reading the endpoint's slot (or its pgoutput copy). */
    private void createSubscription(Statement target, TaskSpec spec, Endpoint source) throws SQLException {
        String subscription = subscriptionName(spec.identifier());
        String slot = pgoutputSlot(source, subscription);
        target.execute("CREATE SUBSCRIPTION " + subscription + " CONNECTION '" + conninfo(source).replace("'", "''")
                + "' PUBLICATION " + source.publication() + " WITH (create_slot = false, slot_name = '"
                + slot + "', copy_data = false, enabled = false"
                + (loopbackPrevention(spec) ? ", origin = none" : "") + ")");
    }

    /** What start-replication at a position does here: a subscription advanced to it, then enabled. */
    private void subscribe(String taskArn, String position) {
        TaskSpec spec = taskSpecs.get(taskArn);
        Endpoint source = endpoints.get(spec.sourceEndpointArn());
        Endpoint target = endpoints.get(spec.targetEndpointArn());
        String subscription = subscriptionName(spec.identifier());
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            if (!prepared.remove(taskArn)) createSubscription(s, spec, source);
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT pg_replication_origin_advance('pg_' || oid, ?::pg_lsn) FROM pg_subscription WHERE subname = ?")) {
                p.setString(1, position);
                p.setString(2, subscription);
                p.execute();
            }
            s.execute("ALTER SUBSCRIPTION " + subscription + " ENABLE");
            loads.put(taskArn, LocalFullLoad.cdcOnly(spec.identifier(), c));
            status(taskArn, "running", null, null);
            bus.dmsTaskEvent(taskArn, "REPLICATION_TASK_STARTED", "DMS-EVENT-0069",
                    "Replication task started, with flag = fresh start");
        } catch (SQLException | RuntimeException ex) {
            fail(taskArn, ex);
        }
    }

    /**
     * The slot the subscription reads: the endpoint's own if it is a pgoutput slot, else a pgoutput
     * copy of it (pg_copy_logical_replication_slot keeps its restart and confirmed positions), so
     * the task still starts from where the endpoint's slot stands.
     */
    private String pgoutputSlot(Endpoint source, String subscription) throws SQLException {
        try (Connection c = connect(source)) {
            String plugin;
            try (PreparedStatement p = c.prepareStatement("SELECT plugin FROM pg_replication_slots WHERE slot_name = ?")) {
                p.setString(1, source.slotName());
                try (var rs = p.executeQuery()) {
                    if (!rs.next()) throw new SQLException("replication slot \"" + source.slotName() + "\" does not exist");
                    plugin = rs.getString(1);
                }
            }
            if ("pgoutput".equals(plugin)) return source.slotName();
            String copy = pgoutputCopy(subscription);
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")) {
                p.setString(1, copy);
                try (var rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) return copy;
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT pg_copy_logical_replication_slot(?, ?, false, 'pgoutput')")) {
                p.setString(1, source.slotName());
                p.setString(2, copy);
                p.execute();
            }
            return copy;
        }
    }

    @Override
    public Optional<String> taskSettings(String taskArn) {
        return Optional.ofNullable(taskSpecs.get(taskArn)).map(TaskSpec::settingsJson);
    }

    /** A task's table mappings as it was created with (the rehearsal's checks read them). */
    public Optional<String> tableMappings(String taskArn) {
        return Optional.ofNullable(taskSpecs.get(taskArn)).map(TaskSpec::tableMappingsJson);
    }

    private static boolean loopbackPrevention(TaskSpec spec) {
        return settings(spec).path("LoopbackPreventionSettings").path("EnableLoopbackPrevention").asBoolean(false);
    }

    private static com.fasterxml.jackson.databind.JsonNode settings(TaskSpec spec) {
        if (spec.settingsJson() == null) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            return Json.mapper().readTree(spec.settingsJson());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("task settings are not JSON", e);
        }
    }

    /** The pgoutput copy of a test_decoding or pglogical slot that a task's subscription reads (at most 63 characters). */
    public static String pgoutputCopy(String subscription) {
        return (subscription.length() > 54 ? subscription.substring(0, 54) : subscription) + "_pgoutput";
    }

    /** The subscription a started task is on its target endpoint's server. */
    public static String subscriptionName(String taskIdentifier) {
        return taskIdentifier.replace('-', '_');
    }

    /**
     * Forgets every task (their followers and validators stop), for a rehearsal that resets its
     * servers between runs; the subscriptions on the servers are the caller's to drop.
     */
    public void forgetTasks() {
        loads.clear();
        prepared.clear();
        taskSpecs.keySet().removeIf(arn -> true);
        tasks.clear();
    }

    /** Where an endpoint connects (its secret ARN, never the credentials); empty if unknown. */
    public Optional<DbConnection> endpointConnection(String endpointArn) {
        return Optional.ofNullable(endpoints.get(endpointArn)).map(e -> new DbConnection(
                Engine.parse(e.description().engine()), e.host(), e.port(), e.database(), e.secretArn()));
    }

    /** The latest connection test of an endpoint from each replication instance that tested it. */
    public Map<String, ConnectionStatus> connectionTests(String endpointArn) {
        Map<String, ConnectionStatus> tests = new java.util.TreeMap<>();
        String suffix = "|" + endpointArn;
        connections.forEach((key, status) -> {
            if (key.endsWith(suffix)) tests.put(key.substring(0, key.length() - suffix.length()), status);
        });
        return tests;
    }

    /** What the task was created with (endpoints, migration type); empty if unknown. */
    public Optional<TaskSpec> taskSpec(String taskArn) {
        return Optional.ofNullable(taskSpecs.get(taskArn));
    }

    private void status(String taskArn, String status, String stopReason, String failure) {
        status(taskArn, status, stopReason, failure, null);
    }

    private void status(String taskArn, String status, String stopReason, String failure, Integer fullLoadPercent) {
        status(taskArn, status, stopReason, failure, fullLoadPercent, null);
    }

    /** @param tables the full load's table counts now; null keeps the last ones */
    private void status(String taskArn, String status, String stopReason, String failure, Integer fullLoadPercent,
                        TaskDescription.TableCounts tables) {
        tasks.computeIfPresent(taskArn, (k, t) -> new TaskDescription(t.arn(), t.identifier(), status,
                stopReason, failure, t.cdcStartPosition(), fullLoadPercent, t.migrationType(),
                tables != null ? tables : t.tables()));
    }

    /** ReplicationTaskStats' table counts from the table statistics. */
    private static TaskDescription.TableCounts counts(List<TableStatistic> statistics) {
        int loaded = 0;
        int loading = 0;
        int queued = 0;
        int errored = 0;
        for (TableStatistic s : statistics) {
            switch (s.state()) {
                case "Table completed" -> loaded++;
                case "Full load" -> loading++;
                case "Table error" -> errored++;
                default -> queued++;
            }
        }
        return new TaskDescription.TableCounts(loaded, loading, queued, errored);
    }

    /**
     * As DMS does with SecretsManagerSecretId: user, password, host and port all from the secret.
     * Kept between uses, as a replication instance keeps its sessions: each new PostgreSQL session
     * costs a fork and a SCRAM exchange, and the status checks ask every few hundred milliseconds.
     */
    private Connection connect(Endpoint e) throws SQLException {
        return sessions.open(target(e));
    }

    /** A session that starts now, never a kept one. */
    private Connection connectNew(Endpoint e) throws SQLException {
        return sessions.openNew(target(e));
    }

    private DbConnection target(Endpoint e) {
        Map.Entry<String, Integer> at = secretAddress(e);
        return new DbConnection(Engine.POSTGRES, at.getKey(), at.getValue(), e.database(), e.secretArn());
    }

    /** No statement or read timeout: a full load or a validation pass over a big table takes what it takes. */
    private Connection openSession(DbConnection target) throws SQLException {
        DbCredentials cred = secrets.credentials(target.secretArn());
        Properties props = new Properties();
        props.setProperty("user", cred.username());
        props.setProperty("password", cred.password());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + target.host() + ":" + target.port() + "/" + target.database(), props);
    }

    private Map.Entry<String, Integer> secretAddress(Endpoint e) {
        return secrets.address(e.secretArn()).orElseThrow(() -> new IllegalStateException("the secret of endpoint "
                + e.description().identifier() + " has no host and port (DMS reads both from the endpoint's secret)"));
    }

    private static String key(String instance, String endpoint) {
        return instance + "|" + endpoint;
    }

    /** DMS ARNs end in an opaque upper-case id; derived from the identifier so lookups are direct. */
    private static String arn(String kind, String identifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
            return "arn:aws:dms:" + LocalSecrets.REGION + ":" + LocalSecrets.ACCOUNT + ":" + kind + ":"
                    + HexFormat.of().formatHex(d, 0, 13).toUpperCase(Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
