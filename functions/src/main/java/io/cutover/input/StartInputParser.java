package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.replication.TaskSettingsLayout;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole start input and names every bad field, so a DBA fixes the input once.
 * Nothing is touched before this passes.
 */
public final class StartInputParser {

    static final Pattern RDS_ID = Pattern.compile("^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)$");
    /** '!' too: RDS names the master user secrets it manages "rds!db-..." (fine for JDBC, not for DMS). */
    static final Pattern SECRET_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@!-]+$");
    static final Pattern DMS_INSTANCE_ARN = Pattern.compile("^arn:aws[a-z-]*:dms:[a-z0-9-]+:\\d{12}:rep:[A-Za-z0-9-]+$");
    static final Pattern DMS_ENDPOINT_ARN = Pattern.compile("^arn:aws[a-z-]*:dms:[a-z0-9-]+:\\d{12}:endpoint:[A-Za-z0-9-]+$");
    static final Pattern IAM_ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$");
    static final Pattern DATABASE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$");
    static final Pattern SECRETS_MANAGER_VPC_ENDPOINT = Pattern.compile(
            "^vpce-[a-z0-9-]+\\.secretsmanager\\.[a-z0-9-]+\\.vpce\\.amazonaws\\.com(\\.cn)?$");
    static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,80}$");
    static final Set<String> PLUGINS = Set.of("test_decoding", "pglogical", "pgoutput");
    static final Set<String> KNOWN_TOP = Set.of("runbook", "engine", "source", "replica", "dms", "applications",
            "limits", "freezeApplications", "comment");

    private final FieldProblems problems = new FieldProblems();

    private StartInputParser() {
    }

    /** @throws InvalidInput naming every bad field */
    public static PromoteReplicaInput parse(JsonNode raw) {
        return new StartInputParser().parseInput(raw);
    }

    /** The run id is the execution name: it names DMS resources and slots, so it is checked too. */
    public static String runId(String executionName) {
        if (executionName == null || !RUN_ID.matcher(executionName).matches()) {
            throw new InvalidInput(List.of("execution name: '" + executionName
                    + "' is not a valid run id (1-80 of A-Z a-z 0-9 _ -)"));
        }
        return executionName;
    }

    private PromoteReplicaInput parseInput(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw new InvalidInput(List.of("input: must be a JSON object"));
        }
        for (Iterator<String> it = raw.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN_TOP.contains(f)) problems.add(f + ": unknown field (expected one of " + KNOWN_TOP + ")");
        }
        String runbook = problems.optionalText(raw, "runbook", "promote-replica");
        if (!"promote-replica".equals(runbook)) {
            problems.add("runbook: '" + runbook + "' is not handled by this state machine (expected promote-replica)");
        }
        Engine engine = engine(raw.get("engine"));
        DatabaseRef source = database(raw.get("source"), "source");
        DatabaseRef replica = database(raw.get("replica"), "replica");
        if (source != null && replica != null && source.instanceId() != null
                && source.instanceId().equalsIgnoreCase(replica.instanceId())) {
            problems.add("replica.instanceId: is the same instance as source.instanceId ('" + source.instanceId() + "')");
        }
        DmsSettings dms = dms(raw.get("dms"), engine);
        List<String> apps = problems.applicationNames(raw.get("applications"), "freeze");
        Limits limits = limits(raw.get("limits"));
        boolean freeze = true;
        JsonNode freezeNode = raw.get("freezeApplications");
        if (freezeNode != null && !freezeNode.isNull()) {
            if (!freezeNode.isBoolean()) {
                problems.add("freezeApplications: must be true or false");
            } else {
                freeze = freezeNode.booleanValue();
                if (!freeze && engine == Engine.ORACLE) {
                    problems.add("freezeApplications: false is only safe for postgres; an Oracle SCN is exact only "
                            + "when no transaction is open, which needs the applications frozen");
                }
            }
        }
        problems.throwIfAny();
        return new PromoteReplicaInput(engine, source, replica, dms, apps, limits, freeze);
    }

    private Engine engine(JsonNode node) {
        if (node == null || node.isNull()) {
            problems.add("engine: missing (postgres or oracle)");
            return null;
        }
        if (!node.isTextual()) {
            problems.add("engine: must be a string (postgres or oracle)");
            return null;
        }
        String v = node.textValue();
        if (v.equals("postgres") || v.equals("oracle")) return Engine.parse(v);
        problems.add("engine: unknown engine '" + v + "' (expected postgres or oracle)");
        return null;
    }

    private DatabaseRef database(JsonNode node, String field) {
        if (!problems.requireObject(node, field)) return null;
        String id = problems.requiredText(node, field + ".instanceId", "instanceId", RDS_ID,
                "not a valid RDS DB instance identifier (letter first, then letters, digits, single hyphens; max 63)");
        String db = problems.requiredText(node, field + ".database", "database", DATABASE_NAME,
                "not a valid database name");
        String secret = problems.requiredText(node, field + ".secretArn", "secretArn", SECRET_ARN,
                "not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
        rejectPasswords(node, field);
        return new DatabaseRef(id, db, secret, backupRetention(node, field));
    }

    /** PromoteReadReplica's BackupRetentionPeriod: 0-35 days (RDS API reference); replica only. */
    private Integer backupRetention(JsonNode node, String field) {
        JsonNode v = node.get("backupRetentionPeriod");
        if (v == null || v.isNull()) return null;
        if (!"replica".equals(field)) {
            problems.add(field + ".backupRetentionPeriod: only for the replica (the days of backups the promoted instance keeps)");
        } else if (!v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > 35) {
            problems.add(field + ".backupRetentionPeriod: '" + v.asText() + "' must be a whole number of days in 0..35");
        } else {
            return v.intValue();
        }
        return null;
    }

    /** Inputs land in the execution history: a password here would leak. */
    private void rejectPasswords(JsonNode node, String field) {
        for (String forbidden : List.of("password", "Password", "secret", "secretString")) {
            if (node.has(forbidden)) {
                problems.add(field + "." + forbidden + ": credentials must not be in the input; give secretArn only");
            }
        }
    }

    private DmsSettings dms(JsonNode node, Engine engine) {
        if (!problems.requireObject(node, "dms")) return null;
        String instance = problems.requiredText(node, "dms.replicationInstanceArn", "replicationInstanceArn", DMS_INSTANCE_ARN,
                "not a DMS replication instance ARN (arn:aws:dms:<region>:<account>:rep:<id>)");
        String sourceEndpoint = problems.requiredText(node, "dms.sourceEndpointArn", "sourceEndpointArn", DMS_ENDPOINT_ARN,
                "not a DMS endpoint ARN (arn:aws:dms:<region>:<account>:endpoint:<id>)");
        String role = problems.requiredText(node, "dms.secretsAccessRoleArn", "secretsAccessRoleArn", IAM_ROLE_ARN,
                "not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        JsonNode mappings = node.get("tableMappings");
        if (mappings != null && !mappings.isNull()) {
            if (!mappings.isObject() || !mappings.path("rules").isArray() || mappings.path("rules").isEmpty()) {
                problems.add("dms.tableMappings: must be a DMS table-mapping object with a non-empty rules array");
            }
        }
        JsonNode settings = node.get("taskSettings");
        if (settings != null && !settings.isNull()) {
            if (!settings.isObject()) problems.add("dms.taskSettings: must be an object of DMS task settings");
            else TaskSettingsLayout.dms().problems(settings, "dms.taskSettings").forEach(problems::add);
        }
        String plugin = problems.optionalText(node, "postgresPlugin", "test_decoding");
        if (plugin != null && !PLUGINS.contains(plugin)) {
            problems.add("dms.postgresPlugin: '" + plugin + "' is not one of " + PLUGINS);
        }
        if (engine == Engine.ORACLE && node.has("postgresPlugin")) {
            problems.add("dms.postgresPlugin: only for postgres");
        }
        String vpcEndpoint = problems.optionalText(node, "secretsManagerEndpointOverride", null);
        if (vpcEndpoint != null && !SECRETS_MANAGER_VPC_ENDPOINT.matcher(vpcEndpoint).matches()) {
            problems.add("dms.secretsManagerEndpointOverride: '" + vpcEndpoint + "' is not the DNS name of a Secrets"
                    + " Manager VPC endpoint (vpce-...secretsmanager.<region>.vpce.amazonaws.com)");
            vpcEndpoint = null;
        }
        return new DmsSettings(instance, sourceEndpoint, role,
                mappings == null || mappings.isNull() ? null : mappings,
                settings == null || settings.isNull() ? null : settings, plugin, vpcEndpoint);
    }

    private Limits limits(JsonNode node) {
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add("limits: must be an object");
            node = null;
        }
        JsonNode n = node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        return new Limits(
                problems.boundedSeconds(n, "maxLagSeconds", 30, 0, 3600),
                problems.boundedSeconds(n, "lagWaitSeconds", 900, 0, 86_400),
                problems.boundedSeconds(n, "pollIntervalSeconds", 15, 1, 3600),
                problems.boundedSeconds(n, "syncWaitSeconds", 300, 0, 86_400),
                problems.boundedSeconds(n, "eventWaitSeconds", 900, 1, 86_400),
                problems.boundedSeconds(n, "promotionTimeoutSeconds", 3600, 1, 86_400),
                problems.boundedSeconds(n, "connectionTestTimeoutSeconds", 600, 1, 86_400),
                problems.boundedSeconds(n, "taskStartTimeoutSeconds", 1800, 1, 86_400));
    }

}
