package io.cutover.rehearsal.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.Application;
import io.cutover.json.Json;
import io.cutover.rehearsal.StatePrinter;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionRequest;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.rehearsal.local.LocalSecrets;
import io.cutover.rehearsal.local.StepInvocation;
import io.cutover.rehearsal.pg.PgServer;
import io.cutover.run.RunRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A full-load-and-CDC migration on this machine: the real {@code statemachines/migrate.asl.json}
 * in the local engine, the real step handlers, the local DMS loading and streaming for real from
 * one PostgreSQL 17 server to another while two applications write. The rehearsal's own checks
 * are taken at the cutover (when the run thaws the applications, they are frozen and the task is
 * drained: every table must be equal on both sides) and after the run.
 */
public final class MigrationRehearsal {
    static final Path DEFINITION = Path.of("statemachines", "migrate.asl.json");
    /** The Task state whose invocation marks the cutover point: applications frozen and routed, task drained. */
    static final String THAW_STATE = "ThawAfterCutover";
    /** The first Task state of the product's own validation: the planted drift goes in just before it. */
    static final String VALIDATION_STATE = "ValidateData";
    /** The first state after the full load (CDC applying): where the apply login's role is read. */
    static final String RESTORE_HELD_BACK_STATE = "RestoreHeldBack";
    /** The row changed on the target behind DMS's back with {@code --drift}: a table no application updates. */
    static final String DRIFT_TABLE = "orders";
    static final long DRIFT_KEY = 1234;

    /** The bucket the S3 copy writes to (S3Proxy in-process), each run under its own folder. */
    static final String S3_BUCKET = "cutover-lake";

    /**
     * How to rehearse.
     *
     * @param s3 an S3 copy beside the database ({@code s3Target}: the local DMS's S3 writer into S3Proxy)
     * @param parameterGroup {@code replicationRoleRoute parameterGroup}: replica through the target's parameter group
     *                       (the local RDS: ALTER SYSTEM and a reload on the target server)
     * @param twoWayDoor afterCutover twoWayDoor (the sites' {@link MigrationSites#registerTwoWayDoor} endpoints)
     */
    public record Options(String failAt, boolean drift, boolean lobOverLimit, int lobMaxSizeKb, boolean verbose, boolean s3,
                          boolean parameterGroup, boolean twoWayDoor) {
        public Options(String failAt, boolean drift, boolean lobOverLimit, int lobMaxSizeKb, boolean verbose) {
            this(failAt, drift, lobOverLimit, lobMaxSizeKb, verbose, false);
        }

        public Options(String failAt, boolean drift, boolean lobOverLimit, int lobMaxSizeKb, boolean verbose, boolean s3) {
            this(failAt, drift, lobOverLimit, lobMaxSizeKb, verbose, s3, false);
        }

        public Options(String failAt, boolean drift, boolean lobOverLimit, int lobMaxSizeKb, boolean verbose, boolean s3,
                       boolean parameterGroup) {
            this(failAt, drift, lobOverLimit, lobMaxSizeKb, verbose, s3, parameterGroup, false);
        }
    }

    /**
     * What a run did and what the rehearsal saw.
     *
     * @param applyRoleDuringLoad session_replication_role of a new session of the DMS apply login on the target
     *                            once the full load is done, with its source (null: the run never got there)
     * @param applyRoleAfter      the same after the run
     */
    public record Outcome(String runId, ExecutionResult execution, RunRecord run, List<MigrationSites.TableDigest> sourceAtCutover,
                          List<MigrationSites.TableDigest> targetAtCutover, boolean sourceUnchangedSince,
                          Map<String, Application> applications, List<String> progress, String applyRoleDuringLoad,
                          String applyRoleAfter) {

        public boolean equalAtCutover() {
            return sourceAtCutover != null && sourceAtCutover.equals(targetAtCutover);
        }
    }

    private final LocalCloud cloud;
    private final PrintStream out;
    private final Path definition;
    private final Map<String, String> substitutions;
    private volatile Path reportDirectory;

    public MigrationRehearsal(LocalCloud cloud, PrintStream out) {
        this.cloud = cloud;
        this.out = out;
        this.definition = cloud.engine().projectRoot().resolve(DEFINITION);
        this.substitutions = cloud.deploy(definition);
    }

    /** The Task states of the migration state machine, in file order: where --fail-at can inject a fault (none without the file). */
    public static List<String> taskStates(Path projectRoot) {
        if (!Files.isRegularFile(projectRoot.resolve(DEFINITION))) return List.of();
        try {
            JsonNode asl = Json.mapper().readTree(Files.readString(projectRoot.resolve(DEFINITION)));
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = asl.path("States").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> state = it.next();
                if ("Task".equals(state.getValue().path("Type").asText())) names.add(state.getKey());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each run's report page goes to {@code <directory>/<runId>/report.html} (its path is printed). */
    public MigrationRehearsal writeReportsTo(Path directory) {
        this.reportDirectory = directory;
        return this;
    }

    /** One run to its end, the applications writing throughout. */
    public Outcome run(MigrationSites sites, String runId, Options o) throws Exception {
        if (o.lobOverLimit()) plantLargeLob(sites, o.lobMaxSizeKb());
        if (o.s3()) createBucket();
        AtomicReference<List<MigrationSites.TableDigest>> sourceAtCutover = new AtomicReference<>();
        AtomicReference<List<MigrationSites.TableDigest>> targetAtCutover = new AtomicReference<>();
        StepInvocation.FaultPlan faults = o.failAt() == null ? StepInvocation.FaultPlan.NONE
                : StepInvocation.FaultPlan.atState(o.failAt());
        java.util.concurrent.atomic.AtomicBoolean drifted = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicReference<String> applyRoleDuringLoad = new AtomicReference<>();
        cloud.faults((function, payload) -> {
            // After the full load, while CDC applies: what DMS's apply login runs with.
            if (RESTORE_HELD_BACK_STATE.equals(function) && applyRoleDuringLoad.get() == null) {
                applyRoleDuringLoad.set(applyRole(sites));
            }
            if (o.drift() && VALIDATION_STATE.equals(function) && drifted.compareAndSet(false, true)) plantDrift(sites);
            if (THAW_STATE.equals(function) && sourceAtCutover.get() == null) {
                // Synchronously, before the thaw runs: nothing writes now, so both sides must be equal.
                sourceAtCutover.set(digest(sites.source.primary()));
                targetAtCutover.set(awaitEqual(sites.target.primary(), sourceAtCutover.get(), Duration.ofSeconds(30)));
            }
            return faults.failingState(function, payload);
        });
        ExecutionListener printer = o.verbose() ? new StatePrinter(runId, out) : ExecutionListener.NONE;
        ExecutionResult result;
        List<String> progress;
        ByteLines lines = new ByteLines();
        try (LoadProgress bar = new LoadProgress(cloud.replication(), taskIdentifier(runId), runId,
                o.verbose() ? lines.tee(out) : lines.stream()).start()) {
            ExecutionRequest request = ExecutionRequest.builder(definition).substitutions(substitutions)
                    .input(input(sites, runId, o)).executionName(runId).timeScale(0.25).build();
            result = cloud.stepFunctions().start(request, printer).await(Duration.ofMinutes(10));
        } finally {
            cloud.faults(StepInvocation.FaultPlan.NONE);
        }
        progress = lines.lines();
        Thread.sleep(1000); // the applications write on after the run
        boolean sourceUnchanged = sourceAtCutover.get() != null && sourceAtCutover.get().equals(digest(sites.source.primary()));
        Map<String, Application> apps = new LinkedHashMap<>();
        for (String app : List.of(sites.heartbeatApp, sites.shopApp)) {
            cloud.ports().appMap().get(app).ifPresent(a -> apps.put(app, a));
        }
        writeReport(runId, result);
        return new Outcome(runId, result, cloud.ports().runs().run(runId).orElse(null), sourceAtCutover.get(),
                targetAtCutover.get(), sourceUnchanged, apps, progress, applyRoleDuringLoad.get(), applyRole(sites));
    }

    private static String applyRole(MigrationSites sites) {
        try {
            return sites.applyUserSessionRole();
        } catch (java.sql.SQLException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    static String taskIdentifier(String runId) {
        return runId + "-migrate";
    }

    /** afterCutover twoWayDoor: the backward task target -> source (the failback's forward task). */
    static String backwardTaskIdentifier(String runId) {
        return runId + "-b-to-a";
    }

    /** The start input a DBA would write for these databases (see events/start-migration.json). */
    public static ObjectNode input(MigrationSites sites, String runId, Options o) {
        ObjectNode in = Json.mapper().createObjectNode();
        in.put("runbook", "migrate").put("engine", "postgres");
        PgServer s = sites.source.primary();
        PgServer t = sites.target.primary();
        in.putObject("source").put("kind", "cluster").put("id", sites.sourceId).put("port", s.port())
                .put("database", s.database()).put("secretArn", sites.sourceSecretArn).put("endpointArn", sites.sourceEndpointArn)
                .put("site", "SITEA");
        in.putObject("target").put("kind", "instance").put("id", sites.targetId).put("port", t.port())
                .put("database", t.database()).put("secretArn", sites.targetSecretArn).put("endpointArn", sites.targetEndpointArn)
                .put("site", "SITEB").put("applyUser", MigrationSites.APPLY_USER);
        ObjectNode dms = in.putObject("dms").put("replicationInstanceArn", LocalReplication.INSTANCE_ARN)
                .put("taskIdentifier", taskIdentifier(runId));
        dms.putObject("tableMappings").putArray("rules").addObject().put("rule-type", "selection").put("rule-id", "1")
                .put("rule-name", "shop").put("rule-action", "include")
                .putObject("object-locator").put("schema-name", MigrationSites.SCHEMA).put("table-name", "%");
        dms.put("targetTablePrepMode", "TRUNCATE_BEFORE_LOAD").put("lobMaxSizeKb", o.lobMaxSizeKb());
        in.putArray("applications").add(sites.heartbeatApp).add(sites.shopApp);
        if (o.parameterGroup()) in.put("replicationRoleRoute", "parameterGroup");
        in.put("allowTablesWithoutPrimaryKey", true).put("holdBackConstraints", true).put("sequenceBuffer", 10000)
                .put("sentinelTable", MigrationSites.SENTINEL_TABLE).put("snapshotSource", true).put("afterCutover", "stopTask");
        in.putObject("validation").put("concurrency", 2).put("maxKeysListed", 20);
        if (o.twoWayDoor()) {
            if (sites.doorSourceEndpointArn == null) throw new IllegalStateException("registerTwoWayDoor first");
            in.put("afterCutover", "twoWayDoor");
            in.putObject("twoWayDoor").put("backwardTaskIdentifier", backwardTaskIdentifier(runId))
                    .put("targetSourceEndpointArn", sites.doorSourceEndpointArn)
                    .put("sourceTargetEndpointArn", sites.doorTargetEndpointArn)
                    .put("targetSlotName", MigrationSites.DOOR_SLOT).put("sourceSlotName", "cutover_door_a")
                    .put("postgresPlugin", "test_decoding").put("heartbeatTable", io.cutover.heartbeat.HeartbeatSchema.TABLE);
        }
        if (o.s3()) {
            in.putObject("s3Target").put("bucketName", S3_BUCKET).put("bucketFolder", "dms/" + runId)
                    .put("serviceAccessRoleArn", "arn:aws:iam::" + LocalSecrets.ACCOUNT + ":role/cutover-dms-s3-target")
                    .put("timestampColumnName", "dms_commit_ts");
        }
        in.putObject("limits").put("maxCdcLatencySeconds", 5).put("latencyReads", 3).put("latencyWaitSeconds", 120)
                .put("pollIntervalSeconds", 1).put("fullLoadTimeoutSeconds", 600).put("taskStartTimeoutSeconds", 60)
                .put("snapshotWaitSeconds", 60).put("drainWaitSeconds", 60).put("verifyWaitSeconds", 60)
                .put("parameterApplySeconds", 60);
        return in;
    }

    /** The run lock of these databases, as the input parser derives it. */
    public static String lockId(MigrationSites sites, String runId, Options o) {
        return io.cutover.input.MigrateInputParser.parse(input(sites, runId, o)).lockId();
    }

    /** The S3 copy's bucket, once per S3 server. */
    private void createBucket() {
        var client = cloud.s3().client();
        if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(S3_BUCKET))) {
            client.createBucket(b -> b.bucket(S3_BUCKET));
        }
    }

    /** A state of the S3 copy: its faults are caught and recorded, and the run goes on (it ends as without the fault). */
    public static boolean s3CopyState(String state) {
        return io.cutover.catalog.StepCatalog.find(state)
                .filter(s -> s.useCase().equals(io.cutover.migrate.run.S3TargetCopy.class.getName())).isPresent();
    }

    /** The S3 copy's task of a run: {@code s3Target}'s task identifier. */
    static String s3TaskIdentifier(String runId) {
        return taskIdentifier(runId) + "-s3";
    }

    /** A row changed on the target behind DMS's back, on a table no application updates. */
    static void plantDrift(MigrationSites sites) {
        try (Connection c = sites.target.primary().connect(); Statement st = c.createStatement()) {
            st.execute("UPDATE " + DRIFT_TABLE + " SET amount = amount + 1000 WHERE id = " + DRIFT_KEY);
        } catch (SQLException e) {
            throw new IllegalStateException("could not plant the drift: " + e.getMessage(), e);
        }
    }

    /** A document whose body is twice the task's LobMaxSize: limited LOB mode would cut it. */
    static void plantLargeLob(MigrationSites sites, int lobMaxSizeKb) throws SQLException {
        try (Connection c = sites.source.primary().connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO documents VALUES (1000, 'too large', (SELECT string_agg(md5(i::text), '')"
                    + " FROM generate_series(1, " + (lobMaxSizeKb * 1024 * 2 / 32) + ") i), NULL)");
        }
    }

    static List<MigrationSites.TableDigest> digest(PgServer server) {
        try {
            return MigrationSites.digest(server);
        } catch (SQLException e) {
            throw new IllegalStateException("could not digest " + server + ": " + e.getMessage(), e);
        }
    }

    /** CDC is asynchronous: the target is read until it equals the source's digest or the time is up. */
    static List<MigrationSites.TableDigest> awaitEqual(PgServer target, List<MigrationSites.TableDigest> source,
                                                      Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MigrationSites.TableDigest> seen;
        do {
            seen = digest(target);
            if (seen.equals(source)) return seen;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        } while (System.nanoTime() < deadline);
        return seen;
    }

    private void writeReport(String runId, ExecutionResult result) {
        io.cutover.rehearsal.RunPages.write(cloud, definition, "migrate", runId, result, reportDirectory, out);
    }

    /** Collects printed lines (and optionally passes them on). */
    private static final class ByteLines {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        PrintStream stream() {
            return new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        }

        PrintStream tee(PrintStream also) {
            return new PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                    also.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                    also.write(b, off, len);
                }
            }, true, java.nio.charset.StandardCharsets.UTF_8);
        }

        List<String> lines() {
            String s = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
        }
    }
}
