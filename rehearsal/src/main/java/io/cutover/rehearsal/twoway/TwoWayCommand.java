package io.cutover.rehearsal.twoway;

import io.cutover.appmap.Application;
import io.cutover.cli.CommandLines;
import io.cutover.heartbeat.Heartbeat;
import io.cutover.heartbeat.HeartbeatApplication;
import io.cutover.input.Direction;
import io.cutover.json.Json;
import io.cutover.rehearsal.ApplicationPace;
import io.cutover.rehearsal.RunReport;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.engine.api.AwsCliCommands;
import io.cutover.rehearsal.engine.api.LocalStepFunctions;
import io.cutover.rehearsal.engine.api.StepFunctionsEndpoint;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.run.RunRecord;
import io.cutover.secrets.DbCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * ./rehearse-twoway: switchover, failback and switchover again on two real PostgreSQL servers
 * replicating both ways, with the heartbeat application writing throughout; then both sites'
 * heartbeats compared. With --fail-at, one switchover with a fault injected at a step, which must
 * end with the application back on SITEA and writing.
 */
@Command(name = "rehearse-twoway",
        description = "Switchover SITEA->SITEB, failback, and switchover again on two real PostgreSQL 17 servers replicating "
                + "both ways, the heartbeat application writing throughout; then the heartbeats compared on both sites. "
                + "No AWS account, no Docker.",
        exitCodeList = {"0:every run ended as expected and no heartbeat was lost or doubled", "1:something did not",
                CommandLines.EXIT_USAGE})
public final class TwoWayCommand implements Callable<Integer> {
    /** The Task states of {@code statemachines/switchover.asl.json} a fault can be injected at, named as there. */
    public enum FaultState {
        SwitchoverPreflight, CreateBackwardTask, CheckForwardLatency, FreezeForSwitchover, Drain, SyncSequences,
        RestoreReplicationRole, StartBackwardTask, CheckBackwardTask, RouteApplications, ThawAfterSwitchover,
        VerifyBackwardFlow, CompleteSwitchover
    }

    record Options(String failAt, Duration pace, boolean verbose, boolean hold) {
    }

    @Option(names = "--fail-at", paramLabel = "STEP",
            description = "One switchover with a fault at a Task state: it must end with the application on SITEA, open, "
                    + "and no heartbeat lost. One of: ${COMPLETION-CANDIDATES}.")
    private FaultState failAt;

    @Mixin
    private ApplicationPace pace;

    @Option(names = "--quiet", description = "No line per state.")
    private boolean quiet;

    @Option(names = "--hold", description = "Keep the rehearsal running afterwards and print ./appmap and ./heartbeat commands for it.")
    private boolean hold;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        CommandLines.exit(new TwoWayCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Options options = new Options(failAt == null ? null : failAt.name(), pace.pace(), !quiet, hold);
        return run(options, System.out) ? CommandLines.OK : CommandLines.FAILED;
    }

    static boolean run(Options o, PrintStream out) throws Exception {
        String name = "demo";
        String appName = name + "-heartbeat";
        out.printf("cutover two-way rehearsal: SITEA and SITEB on real PostgreSQL 17, logical replication both ways"
                + " (origin = none), heartbeat every %d ms%s%n", o.pace().toMillis(),
                o.failAt() == null ? "" : ", fault injected at " + o.failAt());
        boolean ok = true;
        try (LocalCloud cloud = new LocalCloud(Duration.ofSeconds(1));
             TwoWaySites sites = TwoWaySites.start(cloud, name, List.of(appName))) {
            SwitchoverRehearsal rehearsal = new SwitchoverRehearsal(cloud, out)
                    .writeReportsTo(cloud.engine().projectRoot().resolve(".rehearsal"));
            out.printf("SITEA 127.0.0.1:%d, SITEB 127.0.0.1:%d; forward task %s running; %s on SITEA%n",
                    sites.server("SITEA").port(), sites.server("SITEB").port(), sites.taskIdentifier(Direction.A_TO_B), appName);
            HeartbeatApplication app = new HeartbeatApplication(appName, cloud.ports().appMap(), cloud.secrets(), o.pace(), null)
                    .start();
            Thread.sleep(500);
            List<Direction> plan = o.failAt() != null ? List.of(Direction.A_TO_B)
                    : List.of(Direction.A_TO_B, Direction.B_TO_A, Direction.A_TO_B);
            List<Duration> windows = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                Direction d = plan.get(i);
                String runId = name + "-" + (i + 1) + "-" + d.name().toLowerCase().replace('_', '-');
                out.printf("%n== run %d: %s (%s -> %s)%n", i + 1, d == Direction.A_TO_B ? "switchover" : "failback",
                        d.fromSite(), d.toSite());
                int holdsBefore = app.holds().size();
                ExecutionResult r = rehearsal.run(sites, d, runId, o.failAt(), o.verbose());
                Thread.sleep(500); // the application writes on
                ok &= summarise(cloud, r, runId, d, appName, app, holdsBefore, o, out);
                windows.add(RunReport.freezeWindow(r));
            }
            app.close();
            HeartbeatLedger ledger = HeartbeatLedger.converged(sites.server("SITEA"), sites.server("SITEB"), app.committed(),
                    Duration.ofSeconds(30));
            out.printf("%n== heartbeats after %d run(s)%n", plan.size());
            for (String site : List.of("SITEA", "SITEB")) {
                out.printf("   last rows the application sees on %s:%n", site);
                Application entry = cloud.ports().appMap().get(appName).orElseThrow();
                for (Heartbeat h : app.lastRows(entry.sites().get(site), 3)) out.println("     " + h);
            }
            out.printf("   committed by the application : %d (failed writes %d, unknown outcome %d)%n",
                    app.committed().size(), app.failedWrites(), app.uncertain().size());
            out.printf("   rows on SITEA / SITEB        : %d / %d (written on SITEA %d, on SITEB %d)%n", ledger.siteA().size(),
                    ledger.siteB().size(), ledger.writtenOn("SITEA"), ledger.writtenOn("SITEB"));
            out.printf("   same rows on both sites      : %s%n", ledger.siteA().equals(ledger.siteB()) ? "yes" : "NO");
            out.printf("   lost (committed, not on both): %d %s%n", ledger.missing().size(), ledger.missing().isEmpty() ? "" : ledger.missing());
            out.printf("   duplicated ids or beats      : %d%n", ledger.duplicates());
            out.printf("   ids outside their site range : %d%n", ledger.outOfRange().size());
            out.printf("   freeze windows (state machine): %s%n", windows.stream().map(TwoWayCommand::seconds).toList());
            out.printf("   holds (as the application saw them): %s%n",
                    app.holds().stream().map(h -> seconds(h.duration())).toList());
            ok &= ledger.missing().isEmpty() && ledger.siteA().equals(ledger.siteB()) && ledger.duplicates() == 0
                    && ledger.outOfRange().isEmpty() && app.failedWrites() == 0;
            if (o.hold()) hold(cloud, sites, appName, out);
        }
        out.println(ok ? "two-way rehearsal passed" : "two-way rehearsal FAILED");
        return ok;
    }

    private static boolean summarise(LocalCloud cloud, ExecutionResult r, String runId, Direction d, String appName,
                                     HeartbeatApplication app, int holdsBefore, Options o, PrintStream out) {
        RunRecord run = cloud.ports().runs().run(runId).orElse(null);
        Application entry = cloud.ports().appMap().get(appName).orElse(null);
        out.printf("   execution            : %s in %.1f s%n", r.status(), r.duration().toMillis() / 1000.0);
        if (r.succeeded()) {
            var res = r.output().get("result");
            out.printf("   forward latency      : %.3f s (sentinel %s -> %s)%n", res.path("forwardLatencySeconds").asDouble(),
                    d.fromSite(), d.toSite());
            out.printf("   drain                : %.3f s%n", res.path("drainSeconds").asDouble());
            out.printf("   sequences advanced   : %d on %s%n", res.path("sequencesAdvanced").asInt(), d.toSite());
            out.printf("   backward task        : %s (%s)%n", res.path("backwardTask").asText(),
                    res.path("backwardTaskCreated").asBoolean() ? "created by this run" : "already running, reused");
            out.printf("   writes flow back     : %.3f s until a heartbeat written on %s was on %s%n",
                    res.path("backwardFlowSeconds").asDouble(), d.toSite(), d.fromSite());
        } else if (run != null) {
            out.printf("   cause                : %s%n", run.cause());
        }
        List<HeartbeatApplication.Hold> holds = app.holds();
        // A rollback after the thaw freezes again: the application then holds twice in one run.
        String held = holds.size() > holdsBefore
                ? String.join(" + ", holds.subList(holdsBefore, holds.size()).stream().map(h -> seconds(h.duration())).toList())
                : "not held";
        out.printf("   freeze window        : %s by the state machine, %s held by the application%n",
                seconds(RunReport.freezeWindow(r)), held);
        if (entry != null) out.printf("   appmap               : %s on %s%n", entry.status(), entry.activeSite());
        String expectedSite = o.failAt() == null ? d.toSite() : d.fromSite();
        boolean expected = (o.failAt() == null) == r.succeeded() && entry != null
                && expectedSite.equals(entry.activeSite()) && entry.status() == io.cutover.appmap.AppStatus.OPEN;
        out.printf("   verdict              : %s%n", expected ? "as expected" : "NOT as expected");
        return expected;
    }

    /** Keeps the rehearsal up for the command-line tools: DynamoDB Local and Step Functions endpoints, a secrets file. */
    private static void hold(LocalCloud cloud, TwoWaySites sites, String appName, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("cutover-twoway-");
        Path secrets = dir.resolve("secrets.json");
        Map<String, Map<String, String>> byArn = new java.util.TreeMap<>();
        for (String site : List.of("SITEA", "SITEB")) {
            DbCredentials c = cloud.secrets().credentials(sites.secretArn(site));
            byArn.put(sites.secretArn(site), Map.of("username", c.username(), "password", c.password()));
        }
        Files.writeString(secrets, "");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(secrets, Json.mapper().writeValueAsString(byArn));
        String endpoint = cloud.dynamo().endpoint().toString();
        out.printf("%nrehearsal kept running (Ctrl-C to stop). From another terminal:%n");
        out.printf("  ./appmap --endpoint-url %s list%n", endpoint);
        out.printf("  ./appmap --endpoint-url %s show %s%n", endpoint, appName);
        out.printf("  ./heartbeat --endpoint-url %s --secrets-file %s run %s --count 20%n", endpoint, secrets, appName);
        out.printf("  ./heartbeat --endpoint-url %s --secrets-file %s show %s%n", endpoint, secrets, appName);
        StepFunctionsEndpoint stepFunctions = new StepFunctionsEndpoint(cloud.stepFunctions()).start();
        AwsCliCommands.environment().forEach(out::println);
        AwsCliCommands.stepFunctions(stepFunctions.baseUri().toString(), cloud.stepFunctions().stateMachines().stream()
                .map(LocalStepFunctions.StateMachine::arn).toList()).forEach(out::println);
        AwsCliCommands.dynamodb(endpoint, List.of(LocalCloud.RUNS_TABLE, LocalCloud.APPMAP_TABLE)).forEach(out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> secrets.toFile().delete()));
        Thread.currentThread().join();
    }

    private static String seconds(Duration d) {
        return String.format("%.3f s", d.toMillis() / 1000.0);
    }
}
