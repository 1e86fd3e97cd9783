package io.cutover.cli;

import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.aws.AwsClients;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.heartbeat.Heartbeat;
import io.cutover.heartbeat.HeartbeatApplication;
import io.cutover.secrets.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * ./heartbeat: the heartbeat application from the command line, against AWS (DynamoDB appmap,
 * Secrets Manager) or a running rehearsal (--endpoint-url and --secrets-file it prints).
 */
@Command(name = "heartbeat",
        description = "The heartbeat application: before each write it reads APP's appmap entry, holds while the entry is "
                + "FROZEN, and writes one heartbeat row to the active site; afterwards every site holds the same rows.",
        exitCodeList = {CommandLines.EXIT_OK, "1:no such application, or a site, the appmap or the secrets unreachable",
                CommandLines.EXIT_USAGE})
public final class HeartbeatCommand {
    @Mixin
    private AppMapLocation where;

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "Credentials by secret ARN, for a running rehearsal (./rehearse-twoway --hold writes one); default: Secrets Manager.")
    private Path secretsFile;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        CommandLines.exit(new HeartbeatCommand(), args);
    }

    @Command(name = "init", description = "Create the heartbeat table and sequences on every site of APP (PostgreSQL).")
    int init(@Parameters(paramLabel = "APP", description = "The application's name in the appmap.") String name)
            throws SQLException {
        try (DynamoDbClient client = where.client()) {
            Application entry = entry(where.appMap(client), name);
            HeartbeatApplication app = application(name, where.appMap(client), Duration.ZERO, false);
            for (Map.Entry<String, Site> e : new TreeMap<>(entry.sites()).entrySet()) {
                Site s = e.getValue();
                app.installSchema(s);
                out().println("heartbeat table and sequences ready on " + e.getKey() + " (" + s.host() + ":" + s.port() + ")");
            }
        }
        return CommandLines.OK;
    }

    @Command(name = "run", description = "Write heartbeats: before each write read APP's appmap entry, hold while FROZEN, "
            + "write one heartbeat to the active site; print each write and hold.")
    int run(@Parameters(paramLabel = "APP", description = "The application's name in the appmap.") String name,
            @Option(names = "--interval-ms", paramLabel = "N", defaultValue = "500",
                    description = "Milliseconds between writes (default ${DEFAULT-VALUE}).") long interval,
            @Option(names = "--count", paramLabel = "N", defaultValue = "0",
                    description = "Stop after N committed heartbeats; 0 = until Ctrl-C (default ${DEFAULT-VALUE}).") long count,
            @Option(names = "--rows", paramLabel = "N", defaultValue = "5",
                    description = "Rows of each site to show at the end (default ${DEFAULT-VALUE}).") int rows)
            throws SQLException {
        CommandSpec run = subcommand("run");
        CommandLines.inRange(run, "--interval-ms", interval, 0, 3_600_000);
        CommandLines.inRange(run, "--count", count, 0, Long.MAX_VALUE);
        CommandLines.inRange(run, "--rows", rows, 1, 1000);
        try (DynamoDbClient client = where.client()) {
            DynamoAppMap appMap = where.appMap(client);
            Application entry = entry(appMap, name);
            HeartbeatApplication app = application(name, appMap, Duration.ofMillis(interval), true);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            app.runInForeground(count);
            out().printf("%d heartbeat(s) committed, %d failed write(s), held %d time(s)%n", app.committed().size(),
                    app.failedWrites(), app.holds().size());
            show(app, entry, rows);
        }
        return CommandLines.OK;
    }

    @Command(name = "show", description = "The last rows on each site of APP (after a switchover both show the same).")
    int show(@Parameters(paramLabel = "APP", description = "The application's name in the appmap.") String name,
             @Option(names = "--rows", paramLabel = "N", defaultValue = "5",
                     description = "Rows of each site (default ${DEFAULT-VALUE}).") int rows) throws SQLException {
        CommandLines.inRange(subcommand("show"), "--rows", rows, 1, 1000);
        try (DynamoDbClient client = where.client()) {
            DynamoAppMap appMap = where.appMap(client);
            show(application(name, appMap, Duration.ZERO, false), entry(appMap, name), rows);
        }
        return CommandLines.OK;
    }

    private Application entry(DynamoAppMap appMap, String name) {
        return appMap.get(name).orElseThrow(() -> new IllegalStateException("no application " + name + " in " + where.table()));
    }

    private HeartbeatApplication application(String name, DynamoAppMap appMap, Duration pace, boolean printing) {
        Secrets secrets = secretsFile != null ? new FileSecrets(secretsFile) : new SecretsManagerSecrets(AwsClients.secretsManager());
        PrintWriter out = out();
        return new HeartbeatApplication(name, appMap, secrets, pace, printing ? out::println : null);
    }

    /** The last rows each site holds. */
    private void show(HeartbeatApplication app, Application entry, int rows) throws SQLException {
        PrintWriter out = out();
        for (Map.Entry<String, Site> e : new TreeMap<>(entry.sites()).entrySet()) {
            out.printf("last %d rows on %s%s:%n", rows, e.getKey(), e.getKey().equals(entry.activeSite()) ? " (active)" : "");
            for (Heartbeat h : app.lastRows(e.getValue(), rows)) out.println("  " + h);
        }
    }

    /** A subcommand's own spec, so that a usage error shows that subcommand's help. */
    private CommandSpec subcommand(String name) {
        return spec.commandLine().getSubcommands().get(name).getCommandSpec();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
