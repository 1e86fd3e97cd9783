package io.cutover.appmap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an appmap load file ({@code {"applications": [{name, activeSite, sites: {SITEA: {engine,
 * host, port, database, secretArn}, ...}}]}}, see events/appmap-sample.json) and names every bad
 * item and field at once, so nothing half-valid reaches the table the applications read.
 */
public final class AppMapFileParser {
    static final Pattern APP_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    static final Pattern SITE_NAME = Pattern.compile("^SITE[A-Z]$");
    static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    static final Pattern DATABASE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$");
    static final Pattern SECRET_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+$");
    static final Set<String> APP_FIELDS = Set.of("name", "activeSite", "sites");
    static final Set<String> SITE_FIELDS = Set.of("engine", "host", "port", "database", "secretArn");

    private final List<String> problems = new ArrayList<>();

    private AppMapFileParser() {
    }

    /** @throws InvalidInput naming every bad item and field */
    public static List<Application> parse(JsonNode file) {
        return new AppMapFileParser().parseFile(file);
    }

    private List<Application> parseFile(JsonNode file) {
        JsonNode apps = file == null ? null : file.get("applications");
        if (apps == null || !apps.isArray() || apps.isEmpty()) {
            throw new InvalidInput(List.of("applications: must be a non-empty array of appmap entries"));
        }
        List<Application> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < apps.size(); i++) {
            Application a = application(apps.get(i), i, names);
            if (a != null) out.add(a);
        }
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return out;
    }

    private Application application(JsonNode node, int index, Set<String> names) {
        String at = "applications[" + index + "]";
        if (node == null || !node.isObject()) {
            problems.add(at + ": must be an object");
            return null;
        }
        String name = node.path("name").isTextual() ? node.get("name").textValue() : null;
        if (name == null || !APP_NAME.matcher(name).matches()) {
            problems.add(at + ".name: " + (name == null ? "missing" : "'" + name + "' is not a valid application name"));
        } else {
            at = at + " (" + name + ")";
            if (!names.add(name)) problems.add(at + ": listed twice");
        }
        unknown(node, at, APP_FIELDS);
        Map<String, Site> sites = new LinkedHashMap<>();
        JsonNode siteNodes = node.get("sites");
        if (siteNodes == null || !siteNodes.isObject() || siteNodes.isEmpty()) {
            problems.add(at + ".sites: must be an object with at least one site (SITEA, SITEB, ...)");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = siteNodes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Site s = site(e.getKey(), e.getValue(), at + ".sites." + e.getKey());
                if (s != null) sites.put(e.getKey(), s);
            }
        }
        String active = node.path("activeSite").isTextual() ? node.get("activeSite").textValue() : null;
        if (active == null) {
            problems.add(at + ".activeSite: missing (the site the application writes to, e.g. SITEA)");
        } else if (siteNodes != null && siteNodes.isObject() && !siteNodes.has(active)) {
            problems.add(at + ".activeSite: no such site '" + active + "' (its sites are "
                    + (siteNodes.isEmpty() ? "none" : String.join(", ", iterable(siteNodes.fieldNames()))) + ")");
        }
        return name == null ? null : new Application(name, sites, active, AppStatus.OPEN, null, 0);
    }

    private Site site(String name, JsonNode node, String at) {
        if (!SITE_NAME.matcher(name).matches()) {
            problems.add(at + ": '" + name + "' is not a site name (SITEA, SITEB, ...)");
            return null;
        }
        if (!node.isObject()) {
            problems.add(at + ": must be an object");
            return null;
        }
        unknown(node, at, SITE_FIELDS);
        Engine engine = null;
        JsonNode e = node.get("engine");
        if (e == null || e.isNull()) {
            problems.add(at + ".engine: missing (postgres or oracle)");
        } else if (!e.isTextual() || !(e.textValue().equals("postgres") || e.textValue().equals("oracle"))) {
            problems.add(at + ".engine: unknown engine '" + e.asText() + "' (expected postgres or oracle)");
        } else {
            engine = Engine.parse(e.textValue());
        }
        String host = text(node, "host", at, HOST, "not a host name");
        JsonNode p = node.get("port");
        int port = 0;
        if (p == null || p.isNull()) {
            problems.add(at + ".port: missing");
        } else if (!p.isIntegralNumber() || p.longValue() < 1 || p.longValue() > 65535) {
            problems.add(at + ".port: '" + p.asText() + "' is not a port number (1..65535)");
        } else {
            port = p.intValue();
        }
        String database = text(node, "database", at, DATABASE, "not a valid database name");
        String secret = text(node, "secretArn", at, SECRET_ARN, "not a Secrets Manager secret ARN");
        return new Site(name, engine, host, port, database, secret);
    }

    private String text(JsonNode node, String field, String at, Pattern pattern, String message) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            problems.add(at + "." + field + ": missing");
            return null;
        }
        if (!v.isTextual() || !pattern.matcher(v.textValue()).matches()) {
            problems.add(at + "." + field + ": '" + v.asText() + "' is " + message);
            return null;
        }
        return v.textValue();
    }

    private void unknown(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.toLowerCase().contains("password")) {
                problems.add(at + "." + f + ": credentials must not be in the appmap; give secretArn only");
            } else if (!known.contains(f)) {
                problems.add(at + "." + f + ": unknown field (expected one of " + known + ")");
            }
        }
    }

    private static Iterable<String> iterable(Iterator<String> it) {
        return () -> it;
    }
}
