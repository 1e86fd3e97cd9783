package io.cutover.rehearsal.twoway;

import io.cutover.heartbeat.HeartbeatApplication;
import io.cutover.input.Direction;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N pairs of sites switched over at once (./rehearse --benchmark): each pair its own two
 * PostgreSQL servers, forward task and heartbeat application; all pairs are set up first, then
 * every switchover starts together, so the runs compete only with each other.
 */
public final class SwitchoverFleet {
    /** @param exact the run succeeded and the pair's heartbeats are the same on both sites, none lost or doubled */
    public record Outcome(String runId, ExecutionResult execution, boolean exact) {
    }

    private final LocalCloud cloud;
    private final SwitchoverRehearsal rehearsal;

    public SwitchoverFleet(LocalCloud cloud) {
        this.cloud = cloud;
        this.rehearsal = new SwitchoverRehearsal(cloud, System.out);
    }

    /** @param pace how often each pair's heartbeat application writes (reading its appmap entry first) */
    public List<Outcome> run(String name, int pairs, Duration pace) throws Exception {
        List<TwoWaySites> sites = new ArrayList<>();
        List<HeartbeatApplication> apps = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(pairs);
        try {
            for (int i = 1; i <= pairs; i++) {
                String pair = name + "-" + i;
                TwoWaySites s = TwoWaySites.start(cloud, pair, List.of(pair + "-app"));
                sites.add(s);
                apps.add(new HeartbeatApplication(pair + "-app", cloud.ports().appMap(), cloud.secrets(),
                        pace, null).start());
            }
            Thread.sleep(300); // writing on SITEA before the runs
            List<Future<ExecutionResult>> runs = new ArrayList<>();
            for (TwoWaySites s : sites) {
                runs.add(pool.submit(() -> rehearsal.run(s.name + "-run", rehearsal.input(s, Direction.A_TO_B), null,
                        ExecutionListener.NONE)));
            }
            // Every run to its end before any check: a pair's verification (the ledger's queries)
            // must not take CPU from the runs still being timed. The applications go on writing.
            List<ExecutionResult> results = new ArrayList<>();
            for (Future<ExecutionResult> run : runs) results.add(run.get());
            Thread.sleep(100); // each application writes on its new site
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                ExecutionResult r = results.get(i);
                HeartbeatApplication app = apps.get(i);
                app.close();
                HeartbeatLedger ledger = HeartbeatLedger.converged(sites.get(i).server("SITEA"),
                        sites.get(i).server("SITEB"), app.committed(), Duration.ofSeconds(30));
                boolean exact = r.succeeded() && app.failedWrites() == 0 && ledger.missing().isEmpty()
                        && ledger.siteA().equals(ledger.siteB()) && ledger.duplicates() == 0 && ledger.outOfRange().isEmpty();
                outcomes.add(new Outcome(sites.get(i).name + "-run", r, exact));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            for (HeartbeatApplication app : apps) app.close();
            for (TwoWaySites s : sites) s.close();
        }
    }
}
