package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.replication.TaskSettingsLayout;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole switchover start input and names every bad field, as {@link StartInputParser}
 * does for promote-replica (and with its patterns). Nothing is touched before this passes.
 */
public final class SwitchoverInputParser {

    static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    /** Unquoted SQL identifier (PostgreSQL and Oracle): schemas and tables the run names in SQL. */
    static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$]{0,62}$");
    static final Pattern SLOT = Pattern.compile("^[a-z0-9_]{1,63}$");
    /** DMS task identifier: letter first, letters, digits, single hyphens, no trailing hyphen. */
    static final Pattern DMS_TASK_ID = Pattern.compile("^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}(?<!-)$");
    static final Set<String> KNOWN_TOP = Set.of("runbook", "engine", "direction", "sites", "dms", "applications",
            "sequenceBuffer", "sentinelTable", "heartbeatTable", "limits", "comment");
    static final Set<String> KNOWN_SITE = Set.of("host", "port", "database", "schema", "secretArn",
            "sourceEndpointArn", "targetEndpointArn", "slotName");
    static final Set<String> KNOWN_DMS = Set.of("replicationInstanceArn", "taskIdentifiers", "tableMappings",
            "taskSettings", "postgresPlugin");
    static final long DEFAULT_SEQUENCE_BUFFER = 1000;
    static final String DEFAULT_SENTINEL_TABLE = "cutover_sentinel";

    private final FieldProblems problems = new FieldProblems();

    private SwitchoverInputParser() {
    }

    /** @throws InvalidInput naming every bad field */
    public static SwitchoverInput parse(JsonNode raw) {
        return new SwitchoverInputParser().parseInput(raw);
    }

    private SwitchoverInput parseInput(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw new InvalidInput(List.of("input: must be a JSON object"));
        }
        problems.unknownFields(raw, "", KNOWN_TOP);
        String runbook = problems.optionalText(raw, "runbook", "switchover");
        if (!"switchover".equals(runbook)) {
            problems.add("runbook: '" + runbook + "' is not handled by this state machine (expected switchover;"
                    + " a failback is a switchover with direction B_TO_A)");
        }
        Engine engine = engine(raw.get("engine"));
        Direction direction = direction(raw.get("direction"));
        Map<String, SiteRef> sites = sites(raw.get("sites"), engine);
        TwoWayDms dms = dms(raw.get("dms"), engine);
        List<String> apps = problems.applicationNames(raw.get("applications"), "move");
        long buffer = sequenceBuffer(raw.get("sequenceBuffer"));
        String sentinel = identifier(raw, "sentinelTable", DEFAULT_SENTINEL_TABLE);
        String heartbeat = identifier(raw, "heartbeatTable", null);
        SwitchoverLimits limits = limits(raw.get("limits"));
        problems.throwIfAny();
        return new SwitchoverInput(engine, direction, sites, dms, apps, buffer, sentinel, heartbeat, limits);
    }

    private Engine engine(JsonNode node) {
        if (node == null || node.isNull()) {
            problems.add("engine: missing (postgres or oracle)");
            return null;
        }
        if (node.isTextual() && (node.textValue().equals("postgres") || node.textValue().equals("oracle"))) {
            return Engine.parse(node.textValue());
        }
        problems.add("engine: unknown engine '" + node.asText() + "' (expected postgres or oracle)");
        return null;
    }

    private Direction direction(JsonNode node) {
        if (node == null || node.isNull()) {
            problems.add("direction: missing (A_TO_B for a switchover from SITEA to SITEB, B_TO_A for the failback)");
            return null;
        }
        for (Direction d : Direction.values()) {
            if (node.isTextual() && d.name().equals(node.textValue())) return d;
        }
        problems.add("direction: '" + node.asText() + "' is not A_TO_B or B_TO_A");
        return null;
    }

    private Map<String, SiteRef> sites(JsonNode node, Engine engine) {
        Map<String, SiteRef> sites = new LinkedHashMap<>();
        if (!problems.requireObject(node, "sites")) return sites;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(Direction.SITE_A) && !name.equals(Direction.SITE_B)) {
                problems.add("sites." + name + ": no such site (the sites are SITEA and SITEB)");
            }
        }
        for (String name : List.of(Direction.SITE_A, Direction.SITE_B)) {
            SiteRef site = site(node.get(name), "sites." + name, name, engine);
            if (site != null) sites.put(name, site);
        }
        SiteRef a = sites.get(Direction.SITE_A);
        SiteRef b = sites.get(Direction.SITE_B);
        if (a != null && b != null && a.host() != null && a.address().equalsIgnoreCase(b.address())) {
            problems.add("sites.SITEB: is the same database as sites.SITEA (" + a.address() + ")");
        }
        return sites;
    }

    private SiteRef site(JsonNode node, String field, String name, Engine engine) {
        if (!problems.requireObject(node, field)) return null;
        problems.unknownFields(node, field + ".", KNOWN_SITE);
        String host = problems.requiredText(node, field + ".host", "host", HOST, "not a host name");
        int port = port(node.get("port"), field + ".port");
        String db = problems.requiredText(node, field + ".database", "database", StartInputParser.DATABASE_NAME,
                "not a valid database name");
        String schema = node.has("schema") ? problems.requiredText(node, field + ".schema", "schema", IDENTIFIER,
                "not a plain SQL identifier") : null;
        if (schema == null && !node.has("schema")) {
            if (engine == Engine.ORACLE) problems.add(field + ".schema: missing (the Oracle schema of the tables)");
            schema = "public";
        }
        String secret = problems.requiredText(node, field + ".secretArn", "secretArn", StartInputParser.SECRET_ARN,
                "not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
        String source = problems.requiredText(node, field + ".sourceEndpointArn", "sourceEndpointArn",
                StartInputParser.DMS_ENDPOINT_ARN, "not a DMS endpoint ARN (arn:aws:dms:<region>:<account>:endpoint:<id>)");
        String target = problems.requiredText(node, field + ".targetEndpointArn", "targetEndpointArn",
                StartInputParser.DMS_ENDPOINT_ARN, "not a DMS endpoint ARN (arn:aws:dms:<region>:<account>:endpoint:<id>)");
        if (source != null && source.equals(target)) {
            problems.add(field + ".targetEndpointArn: is the same endpoint as " + field + ".sourceEndpointArn");
        }
        String slot = null;
        if (engine == Engine.POSTGRES) {
            slot = problems.requiredText(node, field + ".slotName", "slotName", SLOT,
                    "not a PostgreSQL slot name (1-63 of a-z 0-9 _); it is the SlotName of the site's source endpoint");
        } else if (engine == Engine.ORACLE && node.has("slotName")) {
            problems.add(field + ".slotName: only for postgres");
        }
        for (String forbidden : List.of("password", "Password", "secret", "secretString")) {
            if (node.has(forbidden)) {
                problems.add(field + "." + forbidden + ": credentials must not be in the input; give secretArn only");
            }
        }
        return new SiteRef(name, host, port, db, schema, secret, source, target, slot);
    }

    private int port(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            problems.add(field + ": missing");
            return 0;
        }
        if (!v.isIntegralNumber() || v.longValue() < 1 || v.longValue() > 65535) {
            problems.add(field + ": '" + v.asText() + "' is not a port number (1..65535)");
            return 0;
        }
        return v.intValue();
    }

    private TwoWayDms dms(JsonNode node, Engine engine) {
        if (!problems.requireObject(node, "dms")) return null;
        problems.unknownFields(node, "dms.", KNOWN_DMS);
        String instance = problems.requiredText(node, "dms.replicationInstanceArn", "replicationInstanceArn",
                StartInputParser.DMS_INSTANCE_ARN, "not a DMS replication instance ARN (arn:aws:dms:<region>:<account>:rep:<id>)");
        Map<Direction, String> tasks = new EnumMap<>(Direction.class);
        JsonNode ids = node.get("taskIdentifiers");
        if (problems.requireObject(ids, "dms.taskIdentifiers")) {
            for (Iterator<String> it = ids.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("A_TO_B") && !key.equals("B_TO_A")) {
                    problems.add("dms.taskIdentifiers." + key + ": unknown direction (expected A_TO_B and B_TO_A)");
                }
            }
            for (Direction d : Direction.values()) {
                String id = problems.requiredText(ids, "dms.taskIdentifiers." + d.name(), d.name(), DMS_TASK_ID,
                        "not a DMS task identifier (letter first; letters, digits, single hyphens)");
                if (id != null) tasks.put(d, id);
            }
            if (tasks.size() == 2 && tasks.get(Direction.A_TO_B).equalsIgnoreCase(tasks.get(Direction.B_TO_A))) {
                problems.add("dms.taskIdentifiers.B_TO_A: is the same task as A_TO_B; each direction has its own task");
            }
        }
        JsonNode mappings = node.get("tableMappings");
        if (mappings != null && !mappings.isNull()
                && (!mappings.isObject() || !mappings.path("rules").isArray() || mappings.path("rules").isEmpty())) {
            problems.add("dms.tableMappings: must be a DMS table-mapping object with a non-empty rules array");
        }
        JsonNode settings = node.get("taskSettings");
        if (settings != null && !settings.isNull()) {
            if (!settings.isObject()) {
                problems.add("dms.taskSettings: must be an object of DMS task settings");
            } else {
                TaskSettingsLayout.dms().problems(settings, "dms.taskSettings").forEach(problems::add);
                if (settings.path("TargetMetadata").path("BatchApplyEnabled").asBoolean(false)) {
                    problems.add("dms.taskSettings.TargetMetadata.BatchApplyEnabled: must be false for two-way"
                            + " replication (DMS loopback prevention)");
                }
                if (settings.has("LoopbackPreventionSettings")) {
                    problems.add("dms.taskSettings.LoopbackPreventionSettings: set by the run (mirrored from the sites'"
                            + " schemas); leave it out");
                }
            }
        }
        String plugin = problems.optionalText(node, "postgresPlugin", engine == Engine.POSTGRES ? "test_decoding" : null);
        if (engine == Engine.POSTGRES && plugin != null && !StartInputParser.PLUGINS.contains(plugin)) {
            problems.add("dms.postgresPlugin: '" + plugin + "' is not one of " + StartInputParser.PLUGINS);
        }
        if (engine == Engine.ORACLE && node.has("postgresPlugin")) {
            problems.add("dms.postgresPlugin: only for postgres");
        }
        return new TwoWayDms(instance, tasks, mappings == null || mappings.isNull() ? null : mappings,
                settings == null || settings.isNull() ? null : settings, plugin);
    }

    private long sequenceBuffer(JsonNode v) {
        if (v == null || v.isNull()) return DEFAULT_SEQUENCE_BUFFER;
        if (!v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > 1_000_000_000_000L) {
            problems.add("sequenceBuffer: '" + v.asText() + "' must be a whole number in 0..1000000000000");
            return DEFAULT_SEQUENCE_BUFFER;
        }
        return v.longValue();
    }

    private String identifier(JsonNode parent, String name, String dflt) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual() || !IDENTIFIER.matcher(v.textValue()).matches()) {
            problems.add(name + ": '" + v.asText() + "' is not a plain SQL identifier");
            return dflt;
        }
        return v.textValue();
    }

    private SwitchoverLimits limits(JsonNode node) {
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add("limits: must be an object");
            node = null;
        }
        JsonNode n = node == null ? MissingNode.getInstance() : node;
        if (node != null) {
            problems.unknownFields(node, "limits.", Set.of("maxLatencySeconds", "latencyWaitSeconds", "pollIntervalSeconds",
                    "drainWaitSeconds", "taskStartTimeoutSeconds", "verifyWaitSeconds"));
        }
        return new SwitchoverLimits(
                // A check waits for its sentinel inside one Lambda call: at most a minute.
                problems.boundedSeconds(n, "maxLatencySeconds", 30, 1, 60),
                problems.boundedSeconds(n, "latencyWaitSeconds", 900, 0, 86_400),
                problems.boundedSeconds(n, "pollIntervalSeconds", 15, 1, 3600),
                problems.boundedSeconds(n, "drainWaitSeconds", 300, 1, 86_400),
                problems.boundedSeconds(n, "taskStartTimeoutSeconds", 1800, 1, 86_400),
                problems.boundedSeconds(n, "verifyWaitSeconds", 300, 1, 86_400));
    }

}
