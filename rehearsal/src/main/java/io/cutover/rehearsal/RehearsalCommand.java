package io.cutover.rehearsal;

import io.cutover.cli.CommandLines;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalEventBus;
import io.cutover.run.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The rehearsal command (./rehearse): a promote-replica cutover on this machine, no AWS account. */
@Command(name = "rehearse",
        description = "A promote-replica cutover on this machine: real PostgreSQL 17 primary and read replica, DynamoDB "
                + "Local, the real state machine file and step handlers, the heartbeat application writing throughout; "
                + "then the promoted replica's data compared with the source's. No AWS account, no Docker.",
        exitCodeList = {"0:every run ended as expected (succeeded with equal data; with --fail-at, rolled back to a safe state)",
                "1:a run did not end as expected", CommandLines.EXIT_USAGE})
public final class RehearsalCommand implements Callable<Integer> {
    /** The Task states of {@code statemachines/promote-replica.asl.json} a fault can be injected at, named as there. */
    enum FaultState {
        ValidateInput, AcquireLock, Preflight, PrepareLogicalSlot, CreateSourceEndpoint, CreateTargetEndpoint, TestTargetConnection,
        CheckTargetConnection, CreateCdcTask, CheckLag, FreezeApplications, CheckReplicaSync, CapturePosition,
        PromoteReplica, WaitForPromotion, CheckPromotion, ResolveStartPosition, StartCdcTask, WaitForCdcTaskRunning,
        CheckCdcTask, ThawApplications, CompleteRun
    }

    @Option(names = "--no-freeze", description = "Applications keep writing (PostgreSQL: CDC from the fork LSN keeps it exact).")
    private boolean noFreeze;

    @Option(names = "--fail-at", paramLabel = "STEP",
            description = "Inject a fault at a Task state; the run must roll back to a safe state. One of: ${COMPLETION-CANDIDATES}.")
    private FaultState failAt;

    @Option(names = "--fleet", paramLabel = "N", defaultValue = "1",
            description = "N source/replica pairs, each its own run, at once (1..20; default ${DEFAULT-VALUE}).")
    private int fleet;

    @Option(names = "--lose-events", description = "RDS/DMS events never arrive: the poll fallback must finish the run.")
    private boolean loseEvents;

    @Option(names = "--duplicate-events", description = "Every event arrives three times.")
    private boolean duplicateEvents;

    @Option(names = "--reorder-events", description = "Events arrive late and out of order.")
    private boolean reorderEvents;

    @Option(names = "--event-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds a waiting step waits for an event before polling (1..3600; default ${DEFAULT-VALUE}; "
                    + "with --lose-events, more than 5 becomes 3).")
    private int eventWait;

    @Option(names = "--quiet", description = "Only the summary, no line per state.")
    private boolean quiet;

    @Option(names = "--keep-running", description = "Leave the local cloud and the pairs up (Ctrl-C ends) for ./status --local.")
    private boolean keepRunning;

    @Option(names = "--benchmark", paramLabel = "ROUNDS", arity = "0..1", fallbackValue = "1",
            description = "Instead: both runbooks (promote-replica, switchover) in fleets of 1, 5 and 10 pairs, ROUNDS "
                    + "rounds each (default 1) after a warm-up of one and ten pairs: per run the freeze window, the promotion or drain inside "
                    + "it and their ratio, the orchestration overhead per state transition; per fleet the slowest run "
                    + "as a ratio to one pair.")
    private Integer benchmarkRounds;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        CommandLines.exit(new RehearsalCommand(), args);
    }

    /** What the options ask for. */
    RehearsalOptions options() {
        CommandLines.inRange(spec, "--fleet", fleet, 1, 20);
        CommandLines.inRange(spec, "--event-wait", eventWait, 1, 3600);
        RehearsalOptions o = RehearsalOptions.defaults().withFreeze(!noFreeze).withFailAt(failAt == null ? null : failAt.name()).withFleet(fleet)
                .withEventWait(Duration.ofSeconds(loseEvents && eventWait > 5 ? 3 : eventWait)).withVerbose(!quiet);
        return o.withEvents(new LocalEventBus.Faults(loseEvents, duplicateEvents ? 2 : 0,
                reorderEvents ? Duration.ofSeconds(1) : Duration.ZERO, reorderEvents));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (benchmarkRounds != null) {
            CommandLines.inRange(spec, "--benchmark", benchmarkRounds, 1, 100);
            FleetBenchmark.run(benchmarkRounds, out);
            return CommandLines.OK;
        }
        RehearsalOptions options = options();
        out.printf("cutover rehearsal: promote-replica on real PostgreSQL 17, %d pair(s), %s%s%n", options.fleet(),
                options.freeze() ? "applications frozen" : "no-freeze mode (applications keep writing)",
                options.failAt() == null ? "" : ", fault injected at " + options.failAt());
        boolean ok;
        try (LocalCloud cloud = new LocalCloud(Duration.ofSeconds(2))) {
            Rehearsal rehearsal = new Rehearsal(cloud, out).writeReportsTo(KeepRunning.directory(cloud));
            KeepRunning keep = keepRunning ? new KeepRunning(cloud, rehearsal) : null;
            List<RunReport> reports = rehearsal.run(options);
            ok = true;
            for (RunReport r : reports) ok &= summarise(r, options, out);
            if (keep != null) {
                out.println(ok ? "rehearsal passed" : "rehearsal FAILED");
                keep.serve(out);
            }
        }
        out.println(ok ? "rehearsal passed" : "rehearsal FAILED");
        return ok ? CommandLines.OK : CommandLines.FAILED;
    }

    static boolean summarise(RunReport r, RehearsalOptions options, PrintStream out) {
        RunRecord run = r.run();
        out.printf("%n== %s: %s in %.1f s%n", r.runId(), r.execution().status(), r.total().toMillis() / 1000.0);
        if (run != null) {
            out.printf("   run item            : %s, last step %s%n", run.status(), run.currentStep());
            if (run.position() != null) out.printf("   captured position   : %s (CDC start, DMS CdcStartPosition)%n", run.position());
            for (Map.Entry<String, String> e : run.resources().entrySet()) {
                out.printf("   %-20s: %s%n", e.getKey(), e.getValue());
            }
            if (run.cause() != null) out.printf("   cause               : %s%n", run.cause());
        } else {
            out.printf("   no run item (the run stopped before it took the lock): %s%n", r.execution().cause());
        }
        out.printf("   freeze window       : %.3f s by the state machine, %.3f s held by the application%n",
                r.freezeWindow().toMillis() / 1000.0, r.applicationHeld().toMillis() / 1000.0);
        out.printf("   orchestration       : %.3f s total = %.3f s waiting (Wait states, event waits) + %.3f s in database/RDS/DMS calls + %.3f s overhead%n",
                r.total().toMillis() / 1000.0, r.waiting().toMillis() / 1000.0, r.databaseTime().toMillis() / 1000.0,
                r.overhead().toMillis() / 1000.0);
        out.printf("   application         : %d rows written, now %s, lock %s%n", r.rowsWrittenByApplication(),
                r.applicationOpen() ? "OPEN" : "FROZEN", r.lockReleased() ? "released" : "HELD");
        if (r.source() != null) {
            for (int i = 0; i < r.source().size(); i++) {
                RehearsalPair.TableDigest s = r.source().get(i);
                RehearsalPair.TableDigest p = r.promoted().get(i);
                out.printf("   %-9s source %5d rows md5 %s | promoted replica %5d rows md5 %s  %s%n", s.table(), s.rows(),
                        s.md5(), p.rows(), p.md5(), s.equals(p) ? "EQUAL" : "DIFFERENT");
            }
        }
        boolean expected = options.failAt() == null
                ? r.execution().succeeded() && r.dataEqual() && r.applicationOpen() && r.lockReleased()
                : !r.execution().succeeded() && r.applicationOpen() && r.lockReleased();
        out.printf("   verdict             : %s%n", expected ? "as expected" : "NOT as expected");
        return expected;
    }
}
