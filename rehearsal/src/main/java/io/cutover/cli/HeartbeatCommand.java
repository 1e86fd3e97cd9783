package io.cutover.cli;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.aws.AwsClients;
import io.cutover.aws.SecretsManagerSecrets;
import io.cutover.heartbeat.Heartbeat;
import io.cutover.heartbeat.HeartbeatApplication;
import io.cutover.heartbeat.HeartbeatSchema;
import io.cutover.secrets.DbCredentials;
import io.cutover.secrets.Secrets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ./heartbeat: the heartbeat application from the command line, against AWS (DynamoDB appmap,
 * Secrets Manager) or a running rehearsal (--endpoint-url and --secrets-file it prints).
 */
public final class HeartbeatCommand {

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.println(usage());
            return args.isEmpty() ? 2 : 0;
        }
        AppMapLocation where;
        String secretsFile;
        long interval;
        long count;
        int rows;
        try {
            where = AppMapLocation.from(args);
            secretsFile = AppMapLocation.take(args, "--secrets-file", null);
            interval = Long.parseLong(AppMapLocation.take(args, "--interval-ms", "500"));
            count = Long.parseLong(AppMapLocation.take(args, "--count", "0"));
            rows = Integer.parseInt(AppMapLocation.take(args, "--rows", "5"));
        } catch (IllegalArgumentException e) {
            err.println("heartbeat: " + e.getMessage());
            return 2;
        }
        if (args.size() != 2) {
            err.println("heartbeat: expected COMMAND APP\n" + usage());
            return 2;
        }
        String command = args.get(0);
        String name = args.get(1);
        try (DynamoDbClient client = where.client()) {
            AppMap appMap = where.appMap(client);
            Secrets secrets = secretsFile != null ? new FileSecrets(Path.of(secretsFile))
                    : new SecretsManagerSecrets(AwsClients.secretsManager());
            Application entry = appMap.get(name).orElse(null);
            if (entry == null) {
                err.println("heartbeat: no application " + name + " in " + where.table());
                return 1;
            }
            switch (command) {
                case "init" -> {
                    for (Map.Entry<String, Site> e : new TreeMap<>(entry.sites()).entrySet()) {
                        Site s = e.getValue();
                        DbCredentials c = secrets.credentials(s.secretArn());
                        try (Connection conn = DriverManager.getConnection("jdbc:postgresql://" + s.host() + ":" + s.port()
                                + "/" + s.database(), c.username(), c.password())) {
                            HeartbeatSchema.install(conn);
                        }
                        out.println("heartbeat table and sequences ready on " + e.getKey() + " (" + s.host() + ":" + s.port() + ")");
                    }
                }
                case "run" -> {
                    HeartbeatApplication app = new HeartbeatApplication(name, appMap, secrets, Duration.ofMillis(interval), out);
                    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
                    app.runInForeground(count);
                    out.printf("%d heartbeat(s) committed, %d failed write(s), held %d time(s)%n", app.committed().size(),
                            app.failedWrites(), app.holds().size());
                    show(app, entry, rows, out);
                }
                case "show" -> show(new HeartbeatApplication(name, appMap, secrets, Duration.ZERO, null), entry, rows, out);
                default -> {
                    err.println("heartbeat: unknown command '" + command + "'\n" + usage());
                    return 2;
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("heartbeat: " + e.getMessage());
            return 1;
        }
    }

    /** The last rows each site holds: after a switchover both show the same heartbeats. */
    private static void show(HeartbeatApplication app, Application entry, int rows, PrintStream out) throws Exception {
        for (Map.Entry<String, Site> e : new TreeMap<>(entry.sites()).entrySet()) {
            out.printf("last %d rows on %s%s:%n", rows, e.getKey(), e.getKey().equals(entry.activeSite()) ? " (active)" : "");
            for (Heartbeat h : app.lastRows(e.getValue(), rows)) out.println("  " + h);
        }
    }

    static String usage() {
        return """
                usage: ./heartbeat [--table NAME] [--endpoint-url URL] [--region REGION] [--secrets-file FILE] COMMAND APP
                  init APP                       create the heartbeat table and sequences on every site of APP (PostgreSQL)
                  run APP [--interval-ms N] [--count N]
                                                 before each write read APP's appmap entry; hold while FROZEN; write one
                                                 heartbeat to the active site; print each write; --count 0 = until Ctrl-C
                  show APP [--rows N]            the last rows on each site
                  --secrets-file                 credentials by secret ARN for a running rehearsal; default: Secrets Manager""";
    }
}
