package io.cutover.rehearsal;

import io.cutover.rehearsal.local.LocalCloud;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Freeze window and orchestration overhead for fleets of 1 and 5 concurrent source/replica pairs
 * (./rehearse --benchmark). Prints figures; asserts nothing - machines here are noisy, so the
 * numbers are for reading and comparing, not for failing a build.
 */
final class FleetBenchmark {
    private FleetBenchmark() {
    }

    /** @param rounds runs of each fleet size after a warm-up */
    static void run(int rounds, PrintStream out) throws Exception {
        try (LocalCloud cloud = new LocalCloud(Duration.ofSeconds(2))) {
            Rehearsal rehearsal = new Rehearsal(cloud, new PrintStream(PrintStream.nullOutputStream()));
            rehearsal.run(RehearsalOptions.defaults().withVerbose(false)); // warm-up: JIT, node, DynamoDB Local
            out.printf("%-6s %-5s %-30s %-30s %-30s %s%n", "pairs", "runs", "freeze window s (min/med/max)",
                    "overhead s (min/med/max)", "total s (min/med/max)", "all exact");
            for (int fleet : new int[]{1, 5}) {
                List<RunReport> all = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    all.addAll(rehearsal.run(RehearsalOptions.defaults().withVerbose(false).withFleet(fleet)));
                }
                boolean exact = all.stream().allMatch(r -> r.execution().succeeded() && r.dataEqual());
                out.printf("%-6d %-5d %-30s %-30s %-30s %s%n", fleet, all.size(),
                        stats(all, RunReport::freezeWindow), stats(all, RunReport::overhead),
                        stats(all, RunReport::total), exact ? "yes" : "NO");
            }
        }
    }

    private static String stats(List<RunReport> reports, Function<RunReport, Duration> f) {
        List<Duration> d = reports.stream().map(f).sorted(Comparator.naturalOrder()).toList();
        return String.format("%.3f / %.3f / %.3f", secs(d.get(0)), secs(d.get(d.size() / 2)), secs(d.get(d.size() - 1)));
    }

    private static double secs(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
