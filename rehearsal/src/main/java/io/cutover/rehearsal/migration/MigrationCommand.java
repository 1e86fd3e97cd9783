package io.cutover.rehearsal.migration;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.cli.CommandLines;
import io.cutover.jdbc.PostgresMigrationCatalog;
import io.cutover.json.Json;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.rehearsal.ApplicationPace;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.StepFunctionsEngine;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.run.RunRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * ./rehearse-migration: a full-load-and-CDC migration of a live database on this machine - real
 * PostgreSQL 17 source and target, the local DMS loading and streaming, both applications writing
 * throughout, the real migrate state machine and handlers - then every table compared at the
 * cutover, the sequences and the applications' writes on the target checked.
 */
@Command(name = "rehearse-migration",
        description = "A full-load-and-CDC migration on this machine: a source PostgreSQL 17 (an Aurora cluster to the "
                + "runbook) with a large table, large text/bytea values, a table without a primary key, serial, identity "
                + "and plain sequences; a target PostgreSQL 17 with the schema loaded; the local DMS doing the full load and "
                + "CDC with logical replication; a heartbeat and a shop application writing throughout; the real "
                + "statemachines/migrate.asl.json and step handlers. Then every table compared at the cutover, the target's "
                + "sequences and the applications' writes on the target checked. No AWS account, no Docker.",
        exitCodeList = {"0:the run ended as expected (migrated with equal data; with a fault, rolled back to a safe state)",
                "1:it did not", CommandLines.EXIT_USAGE})
public final class MigrationCommand implements Callable<Integer> {

    /** The migrate state machine's Task states, read from the file (picocli's completion candidates). */
    static final class TaskStates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return MigrationRehearsal.taskStates(StepFunctionsEngine.locateProjectRoot()).iterator();
        }
    }

    @Option(names = "--fail-at", paramLabel = "STEP", completionCandidates = TaskStates.class,
            description = "Inject a fault at a Task state: the run must end safe (applications open on the source, "
                    + "target's role restored, lock released). One of: ${COMPLETION-CANDIDATES}.")
    private String failAt;

    @Option(names = "--drift", description = "Change a row on the target behind DMS's back once the load is done: the "
            + "product's own validation must find it, with its key, and the run must end safe.")
    private boolean drift;

    @Option(names = "--s3", description = "An S3 copy beside the database (s3Target): the local DMS writes DMS's S3 layout"
            + " into S3Proxy in-process; the run checks its row counts after the full load and stops it before it completes.")
    private boolean s3;

    @Option(names = "--parameter-group", description = "replicationRoleRoute parameterGroup: session_replication_role = "
            + "replica through the target's parameter group (the local RDS applies it with ALTER SYSTEM and a reload on the"
            + " target server); the DMS apply login's new sessions must show replica during the load and origin after.")
    private boolean parameterGroup;

    @Option(names = "--two-way-door", description = "afterCutover twoWayDoor: the run creates the backward task target -> "
            + "source before the freeze and starts it inside it, leaves the migration task running, and prints its "
            + "result.failbackInput; then the switchover runbook's failback (B_TO_A) is started with that input as it is "
            + "(unless --no-failback), the applications writing throughout, and every table compared on both databases.")
    private boolean twoWayDoor;

    @Option(names = "--no-failback", description = "With --two-way-door: stop after the migration and its failbackInput (the"
            + " applications stay on the target, both tasks running); the tables are compared all the same.")
    private boolean noFailback;

    @Option(names = "--lob-over-limit", description = "A document larger than the task's LobMaxSize on the source: "
            + "preflight must name the table and column, and nothing is touched.")
    private boolean lobOverLimit;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "400000",
            description = "Rows of the large table (1000..20000000; default ${DEFAULT-VALUE}).")
    private int rows;

    @Mixin
    private ApplicationPace pace;

    @Option(names = "--quiet", description = "No line per state and no progress bar.")
    private boolean quiet;

    @Spec
    private CommandSpec spec;

    static final int LOB_MAX_SIZE_KB = 1024;
    static final int DOCUMENT_BYTES = 256 * 1024;
    static final long SEQUENCE_BUFFER = 10_000;

    public static void main(String[] args) {
        CommandLines.exit(new MigrationCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        CommandLines.inRange(spec, "--rows", rows, 1000, 20_000_000);
        Duration applicationPace = pace.pace();
        List<String> states = MigrationRehearsal.taskStates(StepFunctionsEngine.locateProjectRoot());
        if (failAt != null && !states.contains(failAt)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--fail-at': '" + failAt
                    + "' is not a Task state of statemachines/migrate.asl.json (one of " + String.join(", ", states) + ")");
        }
        doorCombination();
        MigrationRehearsal.Options o = new MigrationRehearsal.Options(failAt, drift, lobOverLimit, LOB_MAX_SIZE_KB, !quiet, s3,
                parameterGroup, twoWayDoor);
        return run(o, !noFailback, rows, applicationPace, System.out) ? CommandLines.OK : CommandLines.FAILED;
    }

    /** The two-way door rehearses a migration that succeeds and the failback from it: no fault, no S3 copy beside it. */
    private void doorCombination() {
        if (noFailback && !twoWayDoor) throw CommandLines.invalid(spec, "--no-failback", "only with --two-way-door");
        if (!twoWayDoor) return;
        Map<String, Boolean> refused = new LinkedHashMap<>();
        refused.put("--fail-at", failAt != null);
        refused.put("--drift", drift);
        refused.put("--lob-over-limit", lobOverLimit);
        refused.put("--s3", s3);
        refused.forEach((option, given) -> {
            if (given) throw CommandLines.invalid(spec, option, "not with --two-way-door (it rehearses a migration that"
                    + " succeeds and the failback from it; the door's faults are MigrationFaultStepsTest's)");
        });
    }

    /** @param failback with the two-way door: run the failback from the migration's failbackInput */
    static boolean run(MigrationRehearsal.Options o, boolean failback, int rows, Duration pace, PrintStream out) throws Exception {
        out.printf("cutover migration rehearsal: full load and CDC between two real PostgreSQL 17 servers, %d-row events"
                + " table, applications writing every %d ms%s%s%n", rows, pace.toMillis(), faults(o),
                o.twoWayDoor() ? ", through the two-way door" + (failback ? " and back (the failback)" : "") : "");
        boolean ok;
        try (LocalCloud cloud = new LocalCloud(Duration.ofSeconds(1))) {
            long t0 = System.nanoTime();
            try (MigrationSites sites = MigrationSites.start(cloud, "shop", rows, DOCUMENT_BYTES)) {
                out.printf("source %s (Aurora cluster to the runbook) 127.0.0.1:%d, target %s (instance) 127.0.0.1:%d,"
                                + " ready in %.1f s%n", sites.sourceId, sites.source.primary().port(), sites.targetId,
                        sites.target.primary().port(), (System.nanoTime() - t0) / 1e9);
                for (MigrationSites.TableDigest d : MigrationSites.digest(sites.source.primary())) {
                    out.printf("   %-16s %8d rows on the source%n", d.table(), d.rows());
                }
                Path reports = cloud.engine().projectRoot().resolve(".rehearsal");
                TwoWayDoorRehearsal door = o.twoWayDoor() ? new TwoWayDoorRehearsal(cloud, out).writeReportsTo(reports) : null;
                MigrationRehearsal rehearsal = door == null ? new MigrationRehearsal(cloud, out).writeReportsTo(reports) : null;
                sites.startApplications(cloud, pace);
                out.printf("applications %s and %s writing to the source%n", sites.heartbeatApp, sites.shopApp);
                Thread.sleep(500);
                TwoWayDoorRehearsal.Outcome d = door == null ? null : door.run(sites, "shop-migration", o, failback);
                MigrationRehearsal.Outcome r = d == null ? rehearsal.run(sites, "shop-migration", o) : d.migration();
                sites.stopApplications();
                ok = summarise(cloud, sites, r, o, MigrationRehearsal.lockId(sites, r.runId(), o), d != null && d.failback() != null,
                        out);
                if (d != null) ok &= summariseDoor(cloud, sites, d, failback, out);
            }
        }
        out.println(ok ? "migration rehearsal passed" : "migration rehearsal FAILED");
        return ok;
    }

    private static String faults(MigrationRehearsal.Options o) {
        String route = o.parameterGroup() ? ", session_replication_role through the target's parameter group" : "";
        if (o.failAt() != null) return ", fault injected at " + o.failAt() + route;
        if (o.drift()) return ", a target row changed behind DMS's back" + route;
        if (o.lobOverLimit()) return ", a LOB over LobMaxSize on the source" + route;
        return route;
    }

    /** @param failedBack the failback ran after the migration: it set the sequences, the door's summary checks them */
    static boolean summarise(LocalCloud cloud, MigrationSites sites, MigrationRehearsal.Outcome r,
                             MigrationRehearsal.Options o, String lockId, boolean failedBack, PrintStream out) throws Exception {
        RunRecord run = r.run();
        out.printf("%n== %s: %s in %.1f s%n", r.runId(), r.execution().status(), r.execution().duration().toMillis() / 1000.0);
        if (run != null) {
            out.printf("   run item            : %s, last step %s%n", run.status(), run.currentStep());
            for (Map.Entry<String, String> e : run.resources().entrySet()) out.printf("   %-20s: %s%n", e.getKey(), e.getValue());
            if (run.cause() != null) out.printf("   cause               : %s%n", run.cause());
        } else {
            out.printf("   no run item: %s%n", r.execution().cause());
        }
        // A fault in the S3 copy is recorded, never rolled back: the run succeeds all the same.
        boolean expectSuccess = (o.failAt() == null || MigrationRehearsal.s3CopyState(o.failAt())) && !o.drift() && !o.lobOverLimit();
        boolean ok = expectSuccess == r.execution().succeeded();
        if (r.sourceAtCutover() != null) {
            out.println("   at the cutover (applications frozen, task drained), table by table:");
            printTables(r.sourceAtCutover(), r.targetAtCutover(), out);
            // Through the two-way door the backward task carries the applications' writes on the target to the source.
            out.printf("   source unchanged since the cutover: %s%n", r.sourceUnchangedSince() ? "yes"
                    : o.twoWayDoor() ? "no: the backward task carries the target's writes to it" : "NO");
        }
        if (expectSuccess) {
            ok &= r.equalAtCutover() && (r.sourceUnchangedSince() || o.twoWayDoor());
            if (failedBack) out.println("   sequences           : set again by the failback, checked below");
            else ok &= sequencesAhead(cloud, sites, out, false);
            // The S3 copy's own verdict (the run item's s3Output): off the critical path, but the rehearsal wants it right.
            if (o.s3() && o.failAt() == null) ok &= run != null && run.resources().getOrDefault("s3Output", "").startsWith("MATCH");
        }
        String site = expectSuccess ? "SITEB" : "SITEA";
        for (Application a : r.applications().values()) {
            boolean right = a.status() == AppStatus.OPEN && site.equals(a.activeSite());
            out.printf("   %-20s: %s on %s%s%n", a.name(), a.status(), a.activeSite(), right ? "" : " (expected OPEN on " + site + ")");
            ok &= right;
        }
        ShopApplication shop = sites.shop();
        out.printf("   shop application    : %d transactions, %d on the target after the cutover, %d failed%s%n",
                shop.committed(), shop.committedOnTarget(), shop.failedWrites(),
                shop.lastError() == null ? "" : " (last error: " + shop.lastError() + ")");
        out.printf("   heartbeat           : %d rows written, %d failed writes%n", sites.heartbeat().committed().size(),
                sites.heartbeat().failedWrites());
        ok &= shop.failedWrites() == 0 && sites.heartbeat().failedWrites() == 0;
        if (expectSuccess) ok &= shop.committedOnTarget() > 0;
        if (r.applyRoleDuringLoad() != null || o.parameterGroup()) {
            out.printf("   DMS apply login     : session_replication_role %s in a new session after the full load, %s after the run%n",
                    r.applyRoleDuringLoad(), r.applyRoleAfter());
        }
        if (o.parameterGroup() && expectSuccess) {
            // The server's setting (the parameter group's), not a role's.
            ok &= "replica (configuration file)".equals(r.applyRoleDuringLoad())
                    && "origin (configuration file)".equals(r.applyRoleAfter());
        }
        boolean unlocked = cloud.ports().runs().lockHolder(lockId).map(h -> !h.equals(r.runId())).orElse(true);
        out.printf("   lock                : %s%n", unlocked ? "released" : "HELD");
        ok &= unlocked;
        out.printf("   verdict             : %s%n", ok ? "as expected" : "NOT as expected");
        return ok;
    }

    /** Both databases table by table, each line saying whether they are equal. */
    static void printTables(List<MigrationSites.TableDigest> source, List<MigrationSites.TableDigest> target, PrintStream out) {
        for (int i = 0; i < source.size(); i++) {
            MigrationSites.TableDigest s = source.get(i);
            MigrationSites.TableDigest t = i < target.size() ? target.get(i) : new MigrationSites.TableDigest(s.table(), -1, "-");
            out.printf("   %-16s source %8d rows md5 %s | target %8d rows md5 %s  %s%n", s.table(), s.rows(), s.md5(),
                    t.rows(), t.md5(), s.equals(t) ? "EQUAL" : "DIFFERENT");
        }
    }

    /**
     * The two-way door's part: the migration's failbackInput, the failback's end (the applications open on the
     * source again) or the applications left on the target, then every table on both databases.
     */
    static boolean summariseDoor(LocalCloud cloud, MigrationSites sites, TwoWayDoorRehearsal.Outcome d, boolean failback,
                                 PrintStream out) throws Exception {
        if (d.failbackInput() == null) {
            out.println("   failbackInput       : NONE (the migration did not succeed)");
            return false;
        }
        out.println("   result.failbackInput (the switchover runbook's start input, direction B_TO_A):");
        for (String line : Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(d.failbackInput()).split("\\R")) {
            out.println("     " + line);
        }
        boolean ok = true;
        String site = "SITEB";
        if (failback) {
            ExecutionResult f = d.failback();
            out.printf("%n== %s: %s in %.1f s%s%n", d.failbackRunId(), f.status(), f.duration().toMillis() / 1000.0,
                    f.succeeded() ? "" : ": " + f.cause());
            ok = f.succeeded();
            site = "SITEA";
            // The failback's own sequence step: the source's ahead of the target's by the buffer.
            ok &= sequencesAhead(cloud, sites, out, true);
        } else {
            out.println("   failback            : not run (--no-failback); the applications stay on the target, both tasks run");
        }
        for (String app : List.of(sites.heartbeatApp, sites.shopApp)) {
            Application a = cloud.ports().appMap().get(app).orElseThrow();
            boolean right = a.status() == AppStatus.OPEN && site.equals(a.activeSite());
            out.printf("   %-20s: %s on %s%s%n", a.name(), a.status(), a.activeSite(), right ? "" : " (expected OPEN on " + site + ")");
            ok &= right;
        }
        out.printf("   at the end (applications stopped, %s caught up), table by table on both databases:%n",
                failback ? "the migration task" : "the backward task");
        printTables(d.source(), d.target(), out);
        ok &= d.equalAtEnd();
        ShopApplication shop = sites.shop();
        out.printf("   shop application    : %d transactions in all, %d failed; heartbeat %d rows, %d failed%n", shop.committed(),
                shop.failedWrites(), sites.heartbeat().committed().size(), sites.heartbeat().failedWrites());
        ok &= shop.failedWrites() == 0 && sites.heartbeat().failedWrites() == 0;
        out.printf("   two-way door        : %s%n", ok ? "as expected" : "NOT as expected");
        return ok;
    }

    /** Every target sequence at least the source's value plus the buffer (the applications have written on since). */
    static boolean sequencesAhead(LocalCloud cloud, MigrationSites sites, PrintStream out) {
        return sequencesAhead(cloud, sites, out, false);
    }

    /** @param sourceAhead after a failback: the source's sequences must be ahead of the target's, not the other way */
    static boolean sequencesAhead(LocalCloud cloud, MigrationSites sites, PrintStream out, boolean sourceAhead) {
        PostgresMigrationCatalog catalog = new PostgresMigrationCatalog(cloud.secrets());
        Map<String, Long> source = next(catalog.sequences(sites.source.primary().dbConnection(sites.sourceSecretArn),
                List.of(MigrationSites.SCHEMA)));
        Map<String, Long> target = next(catalog.sequences(sites.target.primary().dbConnection(sites.targetSecretArn),
                List.of(MigrationSites.SCHEMA)));
        boolean ok = true;
        out.printf("   sequences (next value)%s:%n", sourceAhead ? ", the source's ahead after the failback" : "");
        for (Map.Entry<String, Long> s : source.entrySet()) {
            Long t = target.get(s.getKey());
            boolean ahead = t != null && (sourceAhead ? s.getValue() >= t + SEQUENCE_BUFFER : t >= s.getValue() + SEQUENCE_BUFFER);
            out.printf("   %-28s source %10d | target %10s  %s%n", s.getKey(), s.getValue(), t,
                    ahead ? "ahead by >= " + SEQUENCE_BUFFER : "NOT AHEAD");
            ok &= ahead;
        }
        return ok;
    }

    private static Map<String, Long> next(List<SequenceState> sequences) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SequenceState s : sequences) out.put(s.name(), s.next());
        return out;
    }
}
