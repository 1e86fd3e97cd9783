package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.migrate.mapping.TableMappingParser;

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
        if (problems.isEmpty()) {
            FieldProblems.taskSettingsLayout(in.path("dms").get("taskSettings"), problems);
            timeZoneRule(in.path("validation").path("timeZoneRule"), problems);
            try {
                TableMappingParser.parse(Json.mapper().convertValue(in.path("dms").get("tableMappings"), Object.class), MAPPINGS);
            } catch (InvalidInput e) {
                for (String p : e.problems()) {
                    int colon = p.indexOf(": ");
                    problems.add(colon < 0 ? MAPPINGS : p.substring(0, colon), colon < 0 ? p : p.substring(colon + 2));
                }
            }
        }
        problems.throwIfAny();
        return build(in);
    }

    /** The zone must exist for the JVM (and so, by IANA name, for PostgreSQL and Oracle too). */
    private static void timeZoneRule(JsonNode zone, FieldProblems problems) {
        if (zone.isTextual() && !java.time.ZoneId.getAvailableZoneIds().contains(zone.textValue())) {
            problems.add("validation.timeZoneRule", "'" + zone.textValue() + "' is not a time zone the JVM and PostgreSQL know"
                    + " (an IANA name such as UTC or Europe/Paris)");
        }
    }

    /** Reads a document the schema has passed; the defaults are the schema's "default"s. */
    private static MigrateInput build(JsonNode in) {
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
                Engine.parse(in.path("sourceEngine").asText(in.get("engine").textValue())),
                in.path("archivelogRetentionHours").asLong(24));
    }

    private static MigrationDatabase database(JsonNode d) {
        return new MigrationDatabase(MigrationDatabase.Kind.valueOf(d.get("kind").textValue().toUpperCase(Locale.ROOT)),
                d.get("id").textValue(), d.path("port").asInt(5432), d.get("database").textValue(),
                d.get("secretArn").textValue(), d.get("endpointArn").textValue(), d.get("site").textValue(),
                d.path("applyUser").asText(null));
    }
}
