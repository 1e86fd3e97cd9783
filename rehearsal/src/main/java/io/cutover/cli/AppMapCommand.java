package io.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.appmap.admin.AppMapAdmin;
import io.cutover.appmap.admin.AppMapFileParser;
import io.cutover.dynamo.Tables;
import io.cutover.failure.InvalidInput;
import io.cutover.failure.StepFailed;
import io.cutover.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ./appmap: administration of the appmap table applications read to find their database.
 * Exit status 0 on success, 1 when the table refused (FROZEN entries, missing app), 2 on bad
 * arguments or a bad load file (every problem is named).
 */
public final class AppMapCommand {

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
        try {
            where = AppMapLocation.from(args);
        } catch (IllegalArgumentException e) {
            err.println("appmap: " + e.getMessage());
            return 2;
        }
        String command = args.remove(0);
        try (DynamoDbClient client = where.client()) {
            AppMapAdmin admin = new AppMapAdmin(where.appMap(client));
            switch (command) {
                case "create-table" -> {
                    Tables.createAppMapTable(client, where.table());
                    out.println("table " + where.table() + " is active");
                }
                case "load" -> {
                    if (args.size() != 1) return bad(err, "load takes one FILE");
                    List<Application> entries = AppMapFileParser.parse(read(Path.of(args.get(0))));
                    for (AppMapAdmin.Loaded l : admin.load(entries)) out.printf("%-30s %s%n", l.app(), l.outcome());
                }
                case "list" -> {
                    List<Application> apps = admin.list();
                    out.printf("%-30s %-8s %-7s %-14s %s%n", "APPLICATION", "ACTIVE", "STATUS", "FROZEN BY", "SITES");
                    for (Application a : apps) {
                        out.printf("%-30s %-8s %-7s %-14s %s%n", a.name(), a.activeSite(), a.status(),
                                a.frozenBy() == null ? "-" : a.frozenBy(), sites(a));
                    }
                    out.println(apps.size() + " application(s) in " + where.table());
                }
                case "show" -> {
                    if (args.size() != 1) return bad(err, "show takes one APP");
                    Application a = admin.show(args.get(0)).orElse(null);
                    if (a == null) {
                        err.println("appmap: no application " + args.get(0) + " in " + where.table());
                        return 1;
                    }
                    out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                            new TreeMap<>(Map.of("name", a.name(), "activeSite", a.activeSite(), "status", a.status(),
                                    "frozenBy", a.frozenBy() == null ? "-" : a.frozenBy(), "version", a.version(),
                                    "sites", new TreeMap<>(a.sites())))));
                }
                default -> {
                    return bad(err, "unknown command '" + command + "'");
                }
            }
            return 0;
        } catch (InvalidInput e) {
            err.println("appmap: the file was refused, nothing was loaded:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        } catch (StepFailed e) {
            err.println("appmap: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("appmap: " + e.getMessage());
            return 1;
        }
    }

    private static String sites(Application a) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(a.sites()).forEach((name, s) -> out.add(name + "=" + describe(s)));
        return String.join("  ", out);
    }

    private static String describe(Site s) {
        return s.engine().dmsEngineName() + "://" + s.host() + ":" + s.port() + "/" + s.database();
    }

    private static JsonNode read(Path file) throws IOException {
        return Json.mapper().readTree(Files.readString(file));
    }

    private static int bad(PrintStream err, String message) {
        err.println("appmap: " + message);
        err.println(usage());
        return 2;
    }

    static String usage() {
        return """
                usage: ./appmap [--table NAME] [--endpoint-url URL] [--region REGION] COMMAND
                  create-table   create the appmap table if absent (DynamoDB Local; in AWS the CDK stack makes it)
                  load FILE      check FILE (see events/appmap-sample.json) and load its applications; refuses
                                 bad items (unknown engine, missing port, no such site, ...) naming each problem
                  list           one line per application: active site, status, sites
                  show APP       one application's entry
                  --table        default: $CUTOVER_APPMAP_TABLE, else cutover-appmap
                  --endpoint-url DynamoDB endpoint, e.g. the rehearsal's DynamoDB Local (./rehearse-twoway --hold)""";
    }
}
