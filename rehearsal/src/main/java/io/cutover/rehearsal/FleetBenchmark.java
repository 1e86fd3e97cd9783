package io.cutover.rehearsal;

import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.DatabaseTime;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.twoway.SwitchoverFleet;
import io.cutover.report.RunHistory;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ./rehearse --benchmark: both runbooks, fleets of 1, 5 and 10 pairs. For every run, from its
 * execution history: the freeze window, the part of it the operation that truly needs frozen
 * applications took, their ratio, and the orchestration overhead per state transition; per fleet
 * the slowest run as a ratio to one pair. Prints figures, asserts nothing - machines here are
 * noisy, so the numbers are for reading and comparing, not for failing a build.
 */
final class FleetBenchmark {
    static final int[] FLEETS = {1, 5, 10};
    /**
     * Each pair's heartbeat application writes this often. It reads its appmap entry before every
     * write: at 20 ms, ten pairs make 500 DynamoDB Local reads a second, which on two cores is the
     * load the runs then wait behind (DynamoDB itself would not be the bottleneck on AWS).
     */
    static final Duration APPLICATION_PACE = Duration.ofMillis(100);

    /**
     * What a runbook's freeze holds, named by its states: the window is the run report's
     * ({@link RunReport#freezeWindow}: the freeze state's end to the thaw state's end); the operation
     * that needs it runs from the first entry of {@code neededFrom} to the last exit of any of {@code neededTo}.
     */
    record Runbook(String name, String freeze, String thaw, String neededFrom, List<String> neededTo, String needed) {
    }

    /** The promotion ends when the event wait returns or the poll loop sees it complete. */
    static final Runbook PROMOTE = new Runbook("promote-replica", "FreezeApplications", "ThawApplications",
            "PromoteReplica", List.of("WaitForPromotion", "PromotionComplete"), "promotion");
    static final Runbook SWITCHOVER = new Runbook("switchover", "FreezeForSwitchover", "ThawAfterSwitchover",
            "Drain", List.of("Drained"), "drain");

    /**
     * One run's figures. Overhead per transition = (execution time - waiting - use cases) / states
     * entered, where waiting is Wait states, event waits and the pauses before retrying a step that
     * was not ready, and use cases is the time the steps spent inside their use cases (the step
     * kernel times each). What is left is the engine, the Lambda invoke, JSON in and out, the run
     * history writes and logging.
     */
    record Figures(String runId, Duration total, Duration freeze, Duration needed, int transitions, Duration waiting,
                   Duration handlers, Duration useCases, boolean exact, Instant started, Instant ended) {

        /**
         * The event-wait states (AwaitResource) count as waiting from entry to exit, so their
         * handler's own time is left out of handlers and use cases: nothing is counted twice.
         */
        static Figures of(Runbook runbook, String runId, ExecutionResult r, DatabaseTime time, boolean exact) {
            Set<String> waits = Set.of(Rehearsal.AWAIT_FUNCTION);
            RunHistory history = RunReport.history(r);
            return new Figures(runId, r.duration(), RunReport.freezeWindow(r),
                    span(history, runbook.neededFrom(), runbook.neededTo()), r.statesEntered().size(), Rehearsal.waiting(r),
                    time.inHandlers(runId, waits), time.inUseCases(runId, waits), exact, history.started(), history.ended());
        }

        double overheadMillisPerTransition() {
            return perTransition(total.minus(waiting).minus(useCases));
        }

        /** Of the overhead: the engine, the invoke and the event stream (outside the handlers). */
        double engineMillisPerTransition() {
            return perTransition(total.minus(waiting).minus(handlers));
        }

        /** Of the overhead: the step kernel around the use case (JSON, run history, logging). */
        double kernelMillisPerTransition() {
            return perTransition(handlers.minus(useCases));
        }

        private double perTransition(Duration d) {
            return transitions == 0 ? 0 : d.toNanos() / 1e6 / transitions;
        }
    }

    /**
     * A fleet's runs against the machine: processor-seconds busy (machine-wide: the pairs' own work
     * and everything that runs beside them) from the first run's start to the last one's end, summed
     * over rounds, and those windows' length; empty where the machine's counters cannot be read.
     */
    record FleetLoad(Optional<Double> busySeconds, double windowSeconds, int runs, int processors) {
        static final FleetLoad NONE = new FleetLoad(Optional.of(0.0), 0, 0, 0);

        static FleetLoad of(List<Figures> round, MachineCpu cpu) {
            Instant from = round.stream().map(Figures::started).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
            Instant to = round.stream().map(Figures::ended).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
            if (from == null || to == null) return new FleetLoad(Optional.empty(), 0, round.size(), cpu.processors());
            return new FleetLoad(cpu.busySeconds(from, to), secs(Duration.between(from, to)), round.size(), cpu.processors());
        }

        FleetLoad plus(FleetLoad other) {
            Optional<Double> busy = busySeconds.isPresent() && other.busySeconds.isPresent()
                    ? Optional.of(busySeconds.get() + other.busySeconds.get()) : Optional.empty();
            return new FleetLoad(busy, windowSeconds + other.windowSeconds, runs + other.runs,
                    Math.max(processors, other.processors));
        }

        /** e.g. "processors 96% busy, 0.85 processor-s per pair" */
        String describe() {
            if (busySeconds.isEmpty() || windowSeconds <= 0 || runs == 0 || processors == 0) return "processor use not measured";
            double busy = busySeconds.get();
            return String.format(Locale.ROOT, "processors %.0f%% busy, %.2f processor-s per pair (machine-wide)",
                    100 * busy / (windowSeconds * processors), busy / runs);
        }
    }

    private FleetBenchmark() {
    }

    /** @param rounds runs of each fleet size after a warm-up of one pair and of the largest fleet */
    static void run(int rounds, PrintStream out) throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (LocalCloud cloud = new LocalCloud(Duration.ofSeconds(2)); MachineCpu cpu = new MachineCpu()) {
            Rehearsal promote = new Rehearsal(cloud, quiet);
            RehearsalOptions options = RehearsalOptions.defaults().withVerbose(false).withApplicationPace(APPLICATION_PACE);
            // Warm-up: what a warm Lambda container and a running engine have - code compiled, classes
            // loaded - for the largest fleet too, so no fleet size pays the JIT compiler for the others.
            promote.run(options);
            promote.run(options.withFleet(FLEETS[FLEETS.length - 1]));
            fleets(PROMOTE, rounds, cpu, out, (fleet, round) -> promote.run(options.withFleet(fleet)).stream()
                    .map(r -> Figures.of(PROMOTE, r.runId(), r.execution(), cloud.databaseTime(),
                            r.execution().succeeded() && r.dataEqual())).toList());

            SwitchoverFleet switchover = new SwitchoverFleet(cloud);
            switchover.run("warm", 1, APPLICATION_PACE);
            switchover.run("warmfleet", FLEETS[FLEETS.length - 1], APPLICATION_PACE);
            fleets(SWITCHOVER, rounds, cpu, out, (fleet, round) -> switchover.run("b" + fleet + "r" + round, fleet,
                    APPLICATION_PACE).stream().map(o -> Figures.of(SWITCHOVER, o.runId(), o.execution(),
                    cloud.databaseTime(), o.exact())).toList());
            out.printf("%nratio = freeze / %s; excess = freeze - it. ms/trans = orchestration overhead per state transition"
                    + "%n  = (execution - waiting - use cases) / states entered, where waiting = Wait states, event waits and"
                    + "%n  pauses before retrying a step not ready yet (an event-wait state counts whole, its handler"
                    + "%n  included), and use cases = time inside the steps' use cases (the step kernel times each). It splits into engine = (execution - waiting - Lambda handlers) / states"
                    + "%n  entered (Step Functions engine, Lambda invoke, event stream) and kernel = (handlers - use cases) /"
                    + "%n  states entered (JSON in and out, run-history writes, logging).%n", "promotion or drain");
        }
    }

    /** One round of one fleet size: its runs' figures. */
    private interface FleetRound {
        List<Figures> run(int fleet, int round) throws Exception;
    }

    /** A runbook's table: every fleet size, {@code rounds} rounds each, then its scaling lines. */
    private static void fleets(Runbook runbook, int rounds, MachineCpu cpu, PrintStream out, FleetRound fleetRound)
            throws Exception {
        header(runbook, out);
        List<List<Figures>> byFleet = new ArrayList<>();
        List<FleetLoad> loads = new ArrayList<>();
        for (int fleet : FLEETS) {
            List<Figures> all = new ArrayList<>();
            FleetLoad load = FleetLoad.NONE;
            for (int round = 0; round < rounds; round++) {
                List<Figures> these = fleetRound.run(fleet, round);
                load = load.plus(FleetLoad.of(these, cpu));
                all.addAll(these);
            }
            int pairs = fleet;
            all.forEach(f -> row(pairs, f, out));
            byFleet.add(all);
            loads.add(load);
        }
        scaling(byFleet, loads, cpu, out);
    }

    private static void header(Runbook runbook, PrintStream out) {
        out.printf("%n== %s (heartbeat application every %d ms per pair): freeze = %s end -> %s end;"
                        + " %s = %s start -> %s end%n", runbook.name(), APPLICATION_PACE.toMillis(), runbook.freeze(),
                runbook.thaw(), runbook.needed(), runbook.neededFrom(), String.join(" or ", runbook.neededTo()));
        out.printf("%-5s %-20s %7s %8s %11s %6s %8s %5s %7s %8s %9s %7s %7s %5s%n", "pairs", "run", "total s",
                "freeze s", runbook.needed() + " s", "ratio", "excess s", "trans", "wait s", "usecase s", "ms/trans",
                "engine", "kernel", "exact");
    }

    private static void row(int fleet, Figures f, PrintStream out) {
        double freeze = secs(f.freeze());
        double needed = secs(f.needed());
        out.printf(Locale.ROOT, "%-5d %-20s %7.3f %8.3f %11.3f %6s %8.3f %5d %7.3f %8.3f %9.1f %7.1f %7.1f %5s%n",
                fleet, f.runId(), secs(f.total()), freeze, needed,
                needed > 0 ? String.format(Locale.ROOT, "%.2f", freeze / needed) : "-", freeze - needed, f.transitions(),
                secs(f.waiting()), secs(f.useCases()), f.overheadMillisPerTransition(), f.engineMillisPerTransition(),
                f.kernelMillisPerTransition(), f.exact() ? "yes" : "NO");
    }

    /**
     * The slowest run of each fleet against the slowest single pair, with how busy the machine's
     * processors were meanwhile: a fleet at ~100% is bound by the processor time each pair costs.
     */
    private static void scaling(List<List<Figures>> byFleet, List<FleetLoad> loads, MachineCpu cpu, PrintStream out) {
        double one = slowest(byFleet.get(0));
        StringBuilder line = new StringBuilder("scaling (slowest run / one pair):");
        for (int i = 0; i < FLEETS.length; i++) {
            List<Figures> fleet = byFleet.get(i);
            line.append(String.format(Locale.ROOT, "%n  %2d pair(s) %.3f s = %.2fx, all exact %s; %s", FLEETS[i],
                    slowest(fleet), slowest(fleet) / one, fleet.stream().allMatch(Figures::exact) ? "yes" : "NO",
                    loads.get(i).describe()));
        }
        double overhead = byFleet.get(0).stream().mapToDouble(Figures::overheadMillisPerTransition).average().orElse(0);
        out.println(line);
        out.printf(Locale.ROOT, "overhead on one pair: %.1f ms per transition (mean); %d processors%n", overhead,
                cpu.processors());
    }

    private static double slowest(List<Figures> runs) {
        return runs.stream().mapToDouble(f -> secs(f.total())).max().orElse(0);
    }

    /** From the first entry of {@code from} to the last exit of any of {@code to}; zero when either is missing. */
    static Duration span(RunHistory history, String from, List<String> to) {
        Instant start = null;
        Instant end = null;
        for (RunHistory.Visit v : history.visits()) {
            if (start == null && from.equals(v.state())) start = v.start();
            if (v.end() != null && to.contains(v.state())) end = v.end();
        }
        return start == null || end == null || end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
    }

    private static double secs(Duration d) {
        return d.toNanos() / 1e9;
    }
}
