package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The switchover start input: its schema (docs/schemas/switchover.schema.json) checks the
 * structure; this adds the rules a schema cannot state (two things that must differ) and builds
 * the record. Every bad field is named at once; nothing is touched before this passes.
 */
public final class SwitchoverInputParser {
    private static final List<String> SITES = List.of(Direction.SITE_A, Direction.SITE_B);

    private SwitchoverInputParser() {
    }

    /** @throws InvalidInput naming every bad field */
    public static SwitchoverInput parse(JsonNode raw) {
        JsonNode in = Objects.requireNonNullElse(raw, MissingNode.getInstance());
        FieldProblems problems = FieldProblems.check(InputSchema.SWITCHOVER, in);
        String a = address(in.path("sites").path(Direction.SITE_A));
        if (a != null && a.equalsIgnoreCase(address(in.path("sites").path(Direction.SITE_B)))) {
            problems.add("sites.SITEB", "is the same database as sites.SITEA (" + FieldProblems.quote(a) + ")");
        }
        for (String site : SITES) {
            JsonNode s = in.path("sites").path(site);
            if (s.path("sourceEndpointArn").isTextual() && s.path("sourceEndpointArn").equals(s.path("targetEndpointArn"))) {
                problems.add("sites." + site + ".targetEndpointArn", "is the same endpoint as sites." + site + ".sourceEndpointArn");
            }
        }
        JsonNode tasks = in.path("dms").path("taskIdentifiers");
        if (tasks.path("A_TO_B").isTextual() && tasks.path("A_TO_B").textValue().equalsIgnoreCase(tasks.path("B_TO_A").asText(null))) {
            problems.add("dms.taskIdentifiers.B_TO_A", "is the same task as A_TO_B; each direction has its own task");
        }
        // Once the structure is right: every task setting in the section DMS reads it from.
        if (problems.isEmpty()) FieldProblems.taskSettingsLayout(in.path("dms").get("taskSettings"), problems);
        // DMS honours loopback prevention only with batch apply off (a TargetMetadata key).
        if (in.path("dms").path("taskSettings").path("TargetMetadata").path("BatchApplyEnabled").asBoolean(false)) {
            problems.add("dms.taskSettings.TargetMetadata.BatchApplyEnabled",
                    "must be false for two-way replication (DMS loopback prevention)");
        }
        problems.throwIfAny();
        return build(in);
    }

    /** host:port/database, as the run lock names a site; null while any part is missing. */
    private static String address(JsonNode site) {
        if (!site.path("host").isTextual() || !site.path("port").isIntegralNumber() || !site.path("database").isTextual()) {
            return null;
        }
        return site.get("host").textValue() + ":" + site.get("port").asInt() + "/" + site.get("database").textValue();
    }

    /** Reads a document the schema has passed; the defaults are the schema's "default"s (a test checks). */
    private static SwitchoverInput build(JsonNode in) {
        Engine engine = Engine.parse(in.get("engine").textValue());
        Map<String, SiteRef> sites = new LinkedHashMap<>();
        for (String name : SITES) {
            JsonNode s = in.get("sites").get(name);
            sites.put(name, new SiteRef(name, s.get("host").textValue(), s.get("port").asInt(), s.get("database").textValue(),
                    s.path("schema").asText("public"), s.get("secretArn").textValue(), s.get("sourceEndpointArn").textValue(),
                    s.get("targetEndpointArn").textValue(), s.path("slotName").asText(null)));
        }
        JsonNode dms = in.get("dms");
        Map<Direction, String> tasks = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) tasks.put(d, dms.get("taskIdentifiers").get(d.name()).textValue());
        return new SwitchoverInput(engine,
                Direction.valueOf(in.get("direction").textValue()),
                sites,
                new TwoWayDms(dms.get("replicationInstanceArn").textValue(), tasks, dms.get("tableMappings"),
                        dms.get("taskSettings"), dms.path("postgresPlugin").asText(engine == Engine.POSTGRES ? "test_decoding" : null)),
                StartPayload.applications(in),
                in.path("sequenceBuffer").asLong(1000),
                in.path("sentinelTable").asText("cutover_sentinel"),
                in.path("heartbeatTable").asText(null),
                InputSchema.SWITCHOVER.withDefaults(in, "limits", SwitchoverLimits.class));
    }
}
