package io.cutover.rehearsal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.json.Json;
import io.cutover.rehearsal.engine.ExecutionEvent;
import io.cutover.rehearsal.engine.ExecutionHandle;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionRequest;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.rehearsal.local.StepInvocation;
import io.cutover.report.ExecutionGraphSvg;
import io.cutover.report.RunHistory;
import io.cutover.report.RunPage;
import io.cutover.run.RunRecord;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;

/**
 * A complete promote-replica cutover on this machine: the real state machine file run by the
 * local engine, the real step handlers, real PostgreSQL servers and DynamoDB Local. Prints each
 * state as it ends, then checks that the promoted replica holds exactly the source's rows.
 */
public final class Rehearsal {
    static final Path DEFINITION = Path.of("statemachines", "promote-replica.asl.json");
    static final List<String> WAITING_STATES = List.of("WaitForPromotion", "WaitForCdcTaskRunning");
    /** The function behind the WAITING_STATES (a .waitForTaskToken Task). */
    static final String AWAIT_FUNCTION = "AwaitResource";
    static final String NOT_READY = "io.cutover.failure.NotReadyYet";

    private final LocalCloud cloud;
    private final PrintStream out;
    private final DeployedMachine machine;
    private final Map<String, Path> pages = new ConcurrentHashMap<>();
    private volatile Path reportDirectory;
    private volatile List<RehearsalPair> keptPairs;

    public Rehearsal(LocalCloud cloud, PrintStream out) {
        this.cloud = cloud;
        this.out = out;
        this.machine = DeployedMachine.deploy(cloud, DEFINITION);
    }

    public List<RunReport> run(RehearsalOptions options) throws Exception {
        applyFaults(options);
        String batch = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.fleet()));
        try {
            List<Future<RunReport>> futures = new ArrayList<>();
            Phaser prepared = new Phaser(options.fleet());
            Phaser finished = new Phaser(options.fleet());
            for (int i = 1; i <= options.fleet(); i++) {
                String runId = "rehearsal-" + batch + "-" + i;
                futures.add(pool.submit(() -> runPair(runId, options, prepared, finished)));
            }
            List<RunReport> reports = new ArrayList<>();
            for (Future<RunReport> f : futures) reports.add(f.get());
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every pair of a fleet is prepared before any run starts, and every run has ended before any
     * pair is checked: the runs compete with each other, not with set-ups or checks.
     */
    private RunReport runPair(String runId, RehearsalOptions options, Phaser prepared, Phaser finished) throws Exception {
        RehearsalPair pair;
        try {
            pair = preparePair(runId, options.verbose(), options.applicationPace());
        } catch (Exception | Error e) {
            prepared.arriveAndDeregister();
            finished.arriveAndDeregister();
            throw e;
        }
        prepared.arriveAndAwaitAdvance();
        try {
            ExecutionResult result;
            try {
                Thread.sleep(300); // some application writes before the run starts
                ExecutionHandle handle = start(pair, runId, input(pair, options), options,
                        options.verbose() ? new StatePrinter(runId, out) : ExecutionListener.NONE);
                result = handle.await(Duration.ofMinutes(10));
            } finally {
                finished.arriveAndAwaitAdvance();
            }
            RunReport report = report(pair, runId, result);
            writeReport(report);
            return report;
        } finally {
            List<RehearsalPair> keep = keptPairs;
            if (keep != null) keep.add(pair);
            else pair.close();
        }
    }

    /**
     * Each run's report page goes to {@code <directory>/<runId>/report.html} and its execution graph
     * to {@code graph.svg} beside it (their paths are printed).
     */
    public Rehearsal writeReportsTo(Path directory) {
        this.reportDirectory = directory;
        return this;
    }

    /** Keeps each pair's servers up after its run, adding it to the list (./rehearse --keep-running). */
    public Rehearsal keepPairs(List<RehearsalPair> into) {
        this.keptPairs = into;
        return this;
    }

    /** The execution graph written for a run, if any. */
    public Optional<Path> graph(String runId) {
        return Optional.ofNullable(pages.get(runId)).map(page -> page.resolveSibling("graph.svg"));
    }

    /** The report page written for a run, if any. */
    public Optional<Path> page(String runId) {
        return Optional.ofNullable(pages.get(runId));
    }

    /** The run's Step Functions history, as GetExecutionHistory returns it. */
    public RunHistory history(String runId) {
        return RunHistory.of(cloud.stepFunctions().history(machine.definition(), runId));
    }

    private void writeReport(RunReport r) {
        Path directory = reportDirectory;
        if (directory == null) return;
        try {
            RunHistory history = history(r.runId());
            Path page = RunPage.write(machine.definition(), history, facts(r),
                    directory.resolve(r.runId()).resolve("report.html"));
            ExecutionGraphSvg.write(machine.definition(), r.runId(), history, page.resolveSibling("graph.svg"));
            pages.put(r.runId(), page);
            out.printf("[%s] run report: %s%n", r.runId(), page);
        } catch (RuntimeException e) {
            // A picture of the run must not fail the run.
            out.printf("[%s] no run report: %s%n", r.runId(), e.getMessage());
        }
    }

    /** What the page shows besides the history: the run item, the data compared table by table, the measured times. */
    static RunPage.Facts facts(RunReport r) {
        List<RunPage.DataCheck> checks = new ArrayList<>();
        if (r.source() != null) {
            for (int i = 0; i < r.source().size(); i++) {
                RehearsalPair.TableDigest s = r.source().get(i);
                RehearsalPair.TableDigest p = r.promoted().get(i);
                checks.add(new RunPage.DataCheck(s.table(), s.rows() + " rows, md5 " + s.md5(), p.rows() + " rows, md5 " + p.md5(),
                        s.equals(p) ? "EQUAL" : "DIFFERENT", s.equals(p)));
            }
        }
        List<String> notes = List.of(
                String.format(Locale.ROOT, "freeze: %.3f s by the state machine, %.3f s held by the application",
                        r.freezeWindow().toMillis() / 1000.0, r.applicationHeld().toMillis() / 1000.0),
                String.format(Locale.ROOT, "orchestration: %.3f s = %.3f s waiting + %.3f s in database/RDS/DMS calls + %.3f s overhead",
                        r.total().toMillis() / 1000.0, r.waiting().toMillis() / 1000.0, r.databaseTime().toMillis() / 1000.0,
                        r.overhead().toMillis() / 1000.0),
                String.format(Locale.ROOT, "application: %d rows written, now %s; lock %s", r.rowsWrittenByApplication(),
                        r.applicationOpen() ? "OPEN" : "FROZEN", r.lockReleased() ? "released" : "HELD"));
        return RunPage.Facts.of("promote-replica", r.runId(), r.run(), r.execution().cause(), checks, notes);
    }

    /** A seeded source/replica pair registered in the local cloud, its application writing every 20 ms. */
    public RehearsalPair preparePair(String runId, boolean verbose) throws Exception {
        return preparePair(runId, verbose, RehearsalOptions.defaults().applicationPace());
    }

    public RehearsalPair preparePair(String runId, boolean verbose, Duration applicationPace) throws Exception {
        long setupStart = System.nanoTime();
        RehearsalPair pair = new RehearsalPair(runId);
        try {
            pair.seed();
            pair.register(cloud);
            pair.startApplication(cloud, applicationPace);
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
        if (verbose) {
            out.printf("[%s] source %s (127.0.0.1:%d) with read replica %s (127.0.0.1:%d) ready in %.1f s; application %s writing%n",
                    runId, pair.sourceId, pair.cluster.primary().port(), pair.replicaId, pair.cluster.replica().port(),
                    (System.nanoTime() - setupStart) / 1e9, pair.application);
        }
        return pair;
    }

    /** Starts an execution of the promote-replica machine, as start-execution would. */
    public ExecutionHandle start(RehearsalPair pair, String executionName, ObjectNode input, RehearsalOptions options,
                                 ExecutionListener listener) {
        applyFaults(options);
        ExecutionRequest request = machine.request()
                .input(input)
                .executionName(executionName)
                .timeScale(options.timeScale())
                .build();
        return cloud.stepFunctions().start(request, listener);
    }

    /**
     * The local cloud's event and step faults are the options' own: a run started after one that
     * dropped events must not inherit that (its event waits would each run out before polling).
     */
    private void applyFaults(RehearsalOptions options) {
        cloud.bus().faults(options.events());
        cloud.faults(options.failAt() == null ? StepInvocation.FaultPlan.NONE
                : StepInvocation.FaultPlan.atState(options.failAt()));
    }

    /** After the execution: stop the application, compare the data, read the run item and appmap. */
    public RunReport report(RehearsalPair pair, String runId, ExecutionResult result) throws Exception {
        Duration dbTime = cloud.databaseTime().of(runId);
        List<RehearsalPair.TableDigest> source = null;
        List<RehearsalPair.TableDigest> promoted = null;
        if (result.succeeded()) {
            Thread.sleep(300); // the application writes on after the thaw; CDC must carry it
            pair.app.close();
            source = RehearsalPair.digest(pair.cluster.primary());
            promoted = awaitEqual(pair, source, Duration.ofSeconds(20));
        } else {
            pair.app.close();
        }
        RunRecord run = cloud.ports().runs().run(runId).orElse(null);
        boolean open = cloud.ports().appMap().get(pair.application).map(a -> a.status() == AppStatus.OPEN).orElse(false);
        boolean unlocked = cloud.ports().runs().lockHolder(pair.sourceId).map(h -> !h.equals(runId)).orElse(true);
        Duration total = result.duration();
        Duration waiting = waiting(result);
        Duration overhead = total.minus(waiting).minus(dbTime);
        return new RunReport(runId, result, run, total, RunReport.freezeWindow(result), pair.app.held(), waiting, dbTime,
                overhead.isNegative() ? Duration.ZERO : overhead, pair.app.committed().size(), source, promoted, open,
                unlocked);
    }

    /** The start input a DBA would write for this pair (see events/start-postgres.json). */
    public ObjectNode input(RehearsalPair pair, RehearsalOptions options) {
        ObjectNode in = Json.mapper().createObjectNode();
        in.put("runbook", "promote-replica").put("engine", "postgres");
        in.putObject("source").put("instanceId", pair.sourceId).put("database", "postgres").put("secretArn", pair.sourceSecretArn);
        in.putObject("replica").put("instanceId", pair.replicaId).put("database", "postgres").put("secretArn", pair.replicaSecretArn);
        // No sourceEndpointArn: the run creates its own source endpoint reading its slot (issue 10 item 5).
        in.putObject("dms").put("replicationInstanceArn", LocalReplication.INSTANCE_ARN)
                .put("secretsAccessRoleArn", "arn:aws:iam::123456789012:role/rehearsal-dms-secrets-access")
                .put("postgresPlugin", RehearsalPair.PLUGIN);
        in.putArray("applications").add(pair.application);
        in.putObject("limits").put("maxLagSeconds", 5).put("lagWaitSeconds", 60).put("pollIntervalSeconds", 1)
                .put("syncWaitSeconds", 30).put("eventWaitSeconds", (int) options.eventWait().toSeconds())
                .put("promotionTimeoutSeconds", 120).put("connectionTestTimeoutSeconds", 30)
                .put("taskStartTimeoutSeconds", 60);
        in.put("freezeApplications", options.freeze());
        return in;
    }

    /** CDC is asynchronous: wait until the promoted replica has applied the source's last change. */
    private static List<RehearsalPair.TableDigest> awaitEqual(RehearsalPair pair, List<RehearsalPair.TableDigest> source,
                                                             Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<RehearsalPair.TableDigest> promoted;
        do {
            promoted = RehearsalPair.digest(pair.cluster.replica());
            if (promoted.equals(source)) return promoted;
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return promoted;
    }

    /**
     * Time spent waiting on databases, RDS and DMS: Wait states, event waits, and the pauses
     * before retrying a step that was not ready yet (a task still creating, say).
     */
    static Duration waiting(ExecutionResult result) {
        Duration sum = Duration.ZERO;
        for (Span span : spans(result.events())) {
            if ("Wait".equals(span.type()) || WAITING_STATES.contains(span.state())) sum = sum.plus(span.duration());
        }
        ExecutionEvent notReady = null;
        for (ExecutionEvent e : result.events()) {
            if ("StateFailed".equals(e.type()) && NOT_READY.equals(e.error())) notReady = e;
            if ("StateRetry".equals(e.type()) && notReady != null && e.state().equals(notReady.state())) {
                sum = sum.plus(Duration.between(notReady.at(), e.at()));
                notReady = null;
            }
        }
        return sum;
    }

    /** One visit of a state. */
    private record Span(String state, String type, Duration duration) {
    }

    /** Each state visit with its duration, from an execution's events. */
    private static List<Span> spans(List<ExecutionEvent> events) {
        Map<String, ExecutionEvent> open = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        for (ExecutionEvent e : events) {
            switch (e.type()) {
                case "StateEntered" -> open.put(e.state(), e);
                case "StateExited", "StateFailed" -> {
                    ExecutionEvent in = open.remove(e.state());
                    if (in != null) spans.add(new Span(e.state(), in.stateType(), Duration.between(in.at(), e.at())));
                }
                default -> {
                }
            }
        }
        return spans;
    }
}
