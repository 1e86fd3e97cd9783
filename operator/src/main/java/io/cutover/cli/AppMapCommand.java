package io.cutover.cli;

import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.appmap.admin.AppMapAdmin;
import io.cutover.appmap.admin.AppMapFileParser;
import io.cutover.dynamo.Tables;
import io.cutover.failure.InvalidInput;
import io.cutover.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ./appmap: administration of the appmap table applications read to find their database. */
@Command(name = "appmap",
        description = "Administration of the appmap table applications read to find their database.",
        exitCodeList = {CommandLines.EXIT_OK, "1:the table refused (a FROZEN entry, no such application) or is unreachable",
                "2:bad arguments, or a load file with bad items (every problem named); nothing was loaded"})
public final class AppMapCommand {
    @Mixin
    private AppMapLocation where;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        CommandLines.exit(new AppMapCommand(), args);
    }

    @Command(name = "create-table", description = "Create the appmap table if absent (DynamoDB Local; in AWS the CDK stack makes it).")
    int createTable() {
        try (DynamoDbClient client = where.client()) {
            Tables.createAppMapTable(client, where.table());
        }
        out().println("table " + where.table() + " is active");
        return CommandLines.OK;
    }

    @Command(name = "load", description = "Check FILE (see events/appmap-sample.json) and load its applications. "
            + "Refuses a file with bad items (unknown engine, missing port, no such site, ...), naming each problem.")
    int load(@Parameters(paramLabel = "FILE", description = "The appmap file.") Path file) throws IOException {
        List<Application> entries;
        try {
            entries = AppMapFileParser.parse(Json.mapper().readTree(Files.readString(file)));
        } catch (InvalidInput e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("appmap: the file was refused, nothing was loaded:");
            e.problems().forEach(p -> err.println("  " + p));
            return CommandLines.USAGE;
        }
        try (DynamoDbClient client = where.client()) {
            for (AppMapAdmin.Loaded l : admin(client).load(entries)) out().printf("%-30s %s%n", l.app(), l.outcome());
        }
        return CommandLines.OK;
    }

    @Command(name = "list", description = "One line per application: active site, status, sites.")
    int list() {
        List<Application> apps;
        try (DynamoDbClient client = where.client()) {
            apps = admin(client).list();
        }
        PrintWriter out = out();
        out.printf("%-30s %-8s %-7s %-14s %s%n", "APPLICATION", "ACTIVE", "STATUS", "FROZEN BY", "SITES");
        for (Application a : apps) {
            out.printf("%-30s %-8s %-7s %-14s %s%n", a.name(), a.activeSite(), a.status(),
                    a.frozenBy() == null ? "-" : a.frozenBy(), sites(a));
        }
        out.println(apps.size() + " application(s) in " + where.table());
        return CommandLines.OK;
    }

    @Command(name = "show", description = "One application's entry, as JSON.")
    int show(@Parameters(paramLabel = "APP", description = "The application's name.") String app) throws IOException {
        Application a;
        try (DynamoDbClient client = where.client()) {
            a = admin(client).show(app).orElseThrow(() -> new IllegalStateException(
                    "no application " + app + " in " + where.table()));
        }
        out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                new TreeMap<>(Map.of("name", a.name(), "activeSite", a.activeSite(), "status", a.status(),
                        "frozenBy", a.frozenBy() == null ? "-" : a.frozenBy(), "version", a.version(),
                        "sites", new TreeMap<>(a.sites())))));
        return CommandLines.OK;
    }

    private AppMapAdmin admin(DynamoDbClient client) {
        return new AppMapAdmin(where.appMap(client));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String sites(Application a) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(a.sites()).forEach((name, s) -> out.add(name + "=" + describe(s)));
        return String.join("  ", out);
    }

    private static String describe(Site s) {
        return s.engine().dmsEngineName() + "://" + s.host() + ":" + s.port() + "/" + s.database();
    }
}
