package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cutover.dms.template.TaskSettingsTemplates;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.migrate.mapping.TableMappingParser;
import io.cutover.replication.S3EndpointSpec;

import java.util.Locale;
import java.util.Objects;

/**
 * The migration start input: its schema (docs/schemas/migrate.schema.json) checks the structure;
 * this adds the rules a schema cannot state (source and target differ; the table mappings mean
 * something to DMS; task settings in their sections) and builds the record. Every bad field is
 * named at once; nothing is touched before this passes.
 */
public final class MigrateInputParser {
    private static final String MAPPINGS = "dms.tableMappings";
    /** DMS identifiers: at most 255 characters; the S3 endpoint and task are the task's identifier with this. */
    private static final int MAX_IDENTIFIER = 255;
    static final String S3_SUFFIX = "-s3";

    private MigrateInputParser() {
    }

    /** @throws InvalidInput naming every bad field */
    public static MigrateInput parse(JsonNode raw) {
        JsonNode in = Objects.requireNonNullElse(raw, MissingNode.getInstance());
        FieldProblems problems = FieldProblems.check(InputSchema.MIGRATE, in);
        JsonNode source = in.path("source");
        JsonNode target = in.path("target");
        if (source.path("id").isTextual() && source.path("kind").equals(target.path("kind"))
                && source.path("id").textValue().equalsIgnoreCase(target.path("id").asText(null))) {
            problems.add("target.id", "is the source itself (" + FieldProblems.quote(source.path("id")) + ")");
        }
        if (source.path("endpointArn").isTextual() && source.path("endpointArn").equals(target.path("endpointArn"))) {
            problems.add("target.endpointArn", "is the source's endpoint; the target needs its own target endpoint");
        }
        if (source.path("site").isTextual() && source.path("site").equals(target.path("site"))) {
            problems.add("target.site", "is the source's site " + FieldProblems.quote(source.path("site"))
                    + "; the applications are routed from one site to another");
        }
        twoWayDoorRules(in, problems);
        MigrateInput.S3Target s3 = null;
        if (problems.isEmpty()) {
            settings(in).problems().forEach(p -> addProblem(problems, p, "dms.taskSettings"));
            if (in.has("s3Target")) s3 = s3Target(in, problems);
            timeZoneRule(in.path("validation").path("timeZoneRule"), problems);
            try {
                TableMappingParser.parse(Json.mapper().convertValue(in.path("dms").get("tableMappings"), Object.class), MAPPINGS);
            } catch (InvalidInput e) {
                for (String p : e.problems()) addProblem(problems, p, MAPPINGS);
            }
        }
        problems.throwIfAny();
        return build(in, s3);
    }

    /** What a schema cannot state: the backward task is not the migration task, its endpoints not the migration's. */
    private static void twoWayDoorRules(JsonNode in, FieldProblems problems) {
        JsonNode door = in.path("twoWayDoor");
        if (door.path("backwardTaskIdentifier").isTextual()
                && door.get("backwardTaskIdentifier").textValue().equalsIgnoreCase(in.path("dms").path("taskIdentifier").asText(null))) {
            problems.add("twoWayDoor.backwardTaskIdentifier", "is the migration task itself; each direction has its own task");
        }
        if (door.path("targetSourceEndpointArn").isTextual() && door.get("targetSourceEndpointArn").equals(in.path("source").path("endpointArn"))) {
            problems.add("twoWayDoor.targetSourceEndpointArn", "is the source's endpoint; the backward task reads the target");
        }
        if (door.path("sourceTargetEndpointArn").isTextual() && door.get("sourceTargetEndpointArn").equals(in.path("target").path("endpointArn"))) {
            problems.add("twoWayDoor.sourceTargetEndpointArn", "is the target's endpoint; the backward task writes to the source");
        }
    }

    /** "field.path: message" as a problem of that field (a message without a path: of {@code path}). */
    private static void addProblem(FieldProblems problems, String p, String path) {
        int colon = p.indexOf(": ");
        problems.add(colon < 0 ? path : p.substring(0, colon), colon < 0 ? p : p.substring(colon + 2));
    }

    /** The template a PostgreSQL source's task starts from, or an Oracle one's, unless the input names one. */
    static String settingsTemplate(JsonNode in) {
        String byEngine = "oracle".equals(in.path("sourceEngine").asText(in.path("engine").asText())) ? TaskSettingsTemplates.Template.ORACLE_TO_AURORA.templateName()
                : TaskSettingsTemplates.Template.POSTGRES.templateName();
        return in.path("dms").path("settingsTemplate").asText(byEngine);
    }

    /** The database task's settings: its template under the input's merge patch (the target's schema is loaded first). */
    private static TaskSettingsTemplates.Result settings(JsonNode in) {
        return TaskSettingsTemplates.build(settingsTemplate(in), in.path("dms").get("taskSettings"),
                TaskSettingsTemplates.SchemaOrigin.PRE_CREATED, "dms.taskSettings");
    }

    /** The S3 copy's endpoint and task settings; every problem named under s3Target. */
    private static MigrateInput.S3Target s3Target(JsonNode in, FieldProblems problems) {
        JsonNode s3 = in.get("s3Target");
        String taskIdentifier = in.path("dms").path("taskIdentifier").asText();
        TaskSettingsTemplates.Result settings = TaskSettingsTemplates.build(TaskSettingsTemplates.Template.S3.templateName(),
                s3.get("taskSettings"), TaskSettingsTemplates.SchemaOrigin.DMS, "s3Target.taskSettings");
        settings.problems().forEach(p -> addProblem(problems, p, "s3Target.taskSettings"));
        if (taskIdentifier.length() > MAX_IDENTIFIER - S3_SUFFIX.length()) {
            problems.add("dms.taskIdentifier", "leaves no room for the S3 task's identifier (" + S3_SUFFIX + " appended; at most "
                    + (MAX_IDENTIFIER - S3_SUFFIX.length()) + " characters with s3Target)");
        }
        try {
            S3EndpointSpec endpoint = new S3EndpointSpec(taskIdentifier + S3_SUFFIX, s3.get("bucketName").textValue(),
                    s3.get("bucketFolder").textValue(),
                    S3EndpointSpec.DataFormat.valueOf(s3.path("dataFormat").asText("csv").toUpperCase(Locale.ROOT)),
                    s3.path("cdcPath").asText(null), s3.path("preserveTransactions").asBoolean(false),
                    s3.path("timestampColumnName").asText(null),
                    "sse-kms".equals(s3.path("encryptionMode").asText()) ? S3EndpointSpec.EncryptionMode.SSE_KMS
                            : S3EndpointSpec.EncryptionMode.SSE_S3,
                    s3.path("kmsKeyArn").asText(null), s3.get("serviceAccessRoleArn").textValue(),
                    s3.path("includeOpForFullLoad").asBoolean(true), s3.path("expectedBucketOwner").asText(null), null);
            return new MigrateInput.S3Target(endpoint, settings.settings());
        } catch (IllegalArgumentException e) {
            // The schema states the same rules: this names anything it let through.
            for (String p : e.getMessage().split("; ")) addProblem(problems, "s3Target." + p, "s3Target");
            return null;
        }
    }

    /** The zone must exist for the JVM (and so, by IANA name, for PostgreSQL and Oracle too). */
    private static void timeZoneRule(JsonNode zone, FieldProblems problems) {
        if (zone.isTextual() && !java.time.ZoneId.getAvailableZoneIds().contains(zone.textValue())) {
            problems.add("validation.timeZoneRule", "'" + zone.textValue() + "' is not a time zone the JVM and PostgreSQL know"
                    + " (an IANA name such as UTC or Europe/Paris)");
        }
    }

    /** Reads a document the schema has passed; the defaults are the schema's "default"s. */
    /** @param s3Target the S3 copy as validation built it (null: none) */
    private static MigrateInput build(JsonNode in, MigrateInput.S3Target s3Target) {
        JsonNode dms = in.get("dms");
        return new MigrateInput(
                Engine.parse(in.get("engine").textValue()),
                database(in.get("source")),
                database(in.get("target")),
                dms.get("replicationInstanceArn").textValue(),
                dms.get("taskIdentifier").textValue(),
                dms.get("tableMappings"),
                dms.get("taskSettings"),
                dms.path("targetTablePrepMode").asText("DO_NOTHING"),
                dms.path("lobMaxSizeKb").asInt(32),
                StartPayload.applications(in),
                in.path("allowTablesWithoutPrimaryKey").asBoolean(false),
                in.path("holdBackConstraints").asBoolean(false),
                in.path("sequenceBuffer").asLong(10000),
                in.path("sentinelSchema").asText("public"),
                in.path("sentinelTable").asText("cutover_sentinel"),
                in.path("snapshotSource").asBoolean(true),
                "twoWayDoor".equals(in.path("afterCutover").asText()) ? MigrateInput.AfterCutover.TWO_WAY_DOOR
                        : MigrateInput.AfterCutover.STOP_TASK,
                InputSchema.MIGRATE.withDefaults(in, "validation", MigrateInput.Validation.class),
                InputSchema.MIGRATE.withDefaults(in, "limits", MigrationLimits.class),
                settingsTemplate(in),
                s3Target,
                Engine.parse(in.path("sourceEngine").asText(in.get("engine").textValue())),
                in.path("archivelogRetentionHours").asLong(24),
                "parameterGroup".equals(in.path("replicationRoleRoute").asText()) ? MigrateInput.ReplicationRoleRoute.PARAMETER_GROUP
                        : MigrateInput.ReplicationRoleRoute.ROLE,
                in.has("twoWayDoor") ? twoWayDoor(in.get("twoWayDoor")) : null);
    }

    private static MigrateInput.TwoWayDoor twoWayDoor(JsonNode t) {
        return new MigrateInput.TwoWayDoor(t.get("backwardTaskIdentifier").textValue(), t.get("targetSourceEndpointArn").textValue(),
                t.get("sourceTargetEndpointArn").textValue(), t.get("targetSlotName").textValue(),
                t.get("sourceSlotName").textValue(), t.path("postgresPlugin").asText("test_decoding"),
                t.path("heartbeatTable").asText(null));
    }

    private static MigrationDatabase database(JsonNode d) {
        return new MigrationDatabase(MigrationDatabase.Kind.valueOf(d.get("kind").textValue().toUpperCase(Locale.ROOT)),
                d.get("id").textValue(), d.path("port").asInt(5432), d.get("database").textValue(),
                d.get("secretArn").textValue(), d.get("endpointArn").textValue(), d.get("site").textValue(),
                d.path("applyUser").asText(null));
    }
}
