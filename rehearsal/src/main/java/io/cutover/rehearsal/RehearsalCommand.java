package io.cutover.rehearsal;

import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalEventBus;
import io.cutover.run.RunRecord;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rehearsal command (./rehearse): a promote-replica cutover on this machine, no AWS account.
 * Exit status 0 when every run ended as expected (succeeded with equal data, or, with --fail-at,
 * rolled back to a safe state), 1 otherwise, 2 on bad arguments.
 */
public final class RehearsalCommand {
    static final Set<String> FAULT_STATES = Set.of("ValidateInput", "AcquireLock", "Preflight", "CheckLag",
            "FreezeApplications", "CheckReplicaSync", "CapturePosition", "PromoteReplica", "WaitForPromotion",
            "CheckPromotion", "ResolveStartPosition", "CreateTargetEndpoint", "TestTargetConnection",
            "CheckTargetConnection", "CreateCdcTask", "StartCdcTask", "WaitForCdcTaskRunning", "CheckCdcTask",
            "ThawApplications", "CompleteRun");

    public static void main(String[] args) throws Exception {
        boolean keepRunning = KeepRunning.requested(args);
        args = KeepRunning.without(args);
        RehearsalOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rehearse: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        System.setProperty("cutover.quietSteps", "true");
        PrintStream out = System.out;
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
        System.exit(ok ? 0 : 1);
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

    static RehearsalOptions parse(String[] args) {
        RehearsalOptions o = RehearsalOptions.defaults();
        LocalEventBus.Faults events = LocalEventBus.Faults.NONE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-freeze" -> o = o.withFreeze(false);
                case "--fail-at" -> {
                    String state = value(args, ++i, a);
                    if (!FAULT_STATES.contains(state)) {
                        throw new IllegalArgumentException("--fail-at: unknown step '" + state + "' (one of "
                                + String.join(", ", FAULT_STATES.stream().sorted().toList()) + ")");
                    }
                    o = o.withFailAt(state);
                }
                case "--fleet" -> {
                    int n = integer(value(args, ++i, a), a);
                    if (n < 1 || n > 20) throw new IllegalArgumentException("--fleet: " + n + " is outside 1..20");
                    o = o.withFleet(n);
                }
                case "--lose-events" -> events = new LocalEventBus.Faults(true, 0, events.delay(), events.reorder());
                case "--duplicate-events" -> events = new LocalEventBus.Faults(events.lose(), 2, events.delay(), events.reorder());
                case "--reorder-events" -> events = new LocalEventBus.Faults(events.lose(), events.duplicates(),
                        Duration.ofSeconds(1), true);
                case "--event-wait" -> {
                    int s = integer(value(args, ++i, a), a);
                    if (s < 1 || s > 3600) throw new IllegalArgumentException("--event-wait: " + s + " is outside 1..3600");
                    o = o.withEventWait(Duration.ofSeconds(s));
                }
                case "--quiet" -> o = o.withVerbose(false);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (events.lose() && o.eventWait().toSeconds() > 5) o = o.withEventWait(Duration.ofSeconds(3));
        return o.withEvents(events);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int integer(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
        }
    }

    static String usage() {
        return """
                usage: ./rehearse [--no-freeze] [--fail-at STEP] [--fleet N] [--lose-events] [--duplicate-events]
                                  [--reorder-events] [--event-wait SECONDS] [--quiet] [--keep-running]
                  --no-freeze        applications keep writing (PostgreSQL: CDC from the fork LSN keeps it exact)
                  --fail-at STEP     inject a fault at a Task state (e.g. PromoteReplica); the run must roll back
                  --fleet N          N source/replica pairs, each its own run, at once (1..20)
                  --lose-events      RDS/DMS events never arrive: the poll fallback must finish the run
                  --duplicate-events every event arrives three times
                  --reorder-events   events arrive late and out of order
                  --event-wait S     seconds a waiting step waits for an event before polling (default 30)
                  --quiet            only the summary
                  --keep-running     leave the local cloud and the pairs up (Ctrl-C ends) for ./status --local
                ./rehearse --benchmark [ROUNDS]  freeze window and orchestration overhead, 1 and 5 pairs""";
    }
}
