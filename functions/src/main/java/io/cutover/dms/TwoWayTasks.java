package io.cutover.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DMS settings of the two tasks of a pair. Loopback prevention (DMS 3.3.1+) makes each task skip
 * the changes the other one applied; its schemas are mirrored: the backward task's SourceSchema is
 * the forward task's TargetSchema and the other way round. Batch apply must be off for it.
 */
public final class TwoWayTasks {

    private TwoWayTasks() {
    }

    /** Loopback schemas of a task's settings: [SourceSchema, TargetSchema], if prevention is on. */
    public static Optional<List<String>> loopbackSchemas(String settingsJson) {
        JsonNode s = parse(settingsJson);
        JsonNode lp = s.path("LoopbackPreventionSettings");
        if (!lp.path("EnableLoopbackPrevention").asBoolean(false)) return Optional.empty();
        return Optional.of(List.of(lp.path("SourceSchema").asText(""), lp.path("TargetSchema").asText("")));
    }

    /** What is wrong with a task's settings for two-way replication; empty if nothing. */
    public static List<String> twoWayProblems(String identifier, String settingsJson) {
        List<String> problems = new ArrayList<>();
        JsonNode s = parse(settingsJson);
        if (loopbackSchemas(settingsJson).isEmpty()) {
            problems.add("task " + identifier + " has no LoopbackPreventionSettings with EnableLoopbackPrevention=true"
                    + " (two-way replication would loop changes back)");
        }
        // DMS reads it in TargetMetadata (task settings docs), and loopback prevention only works with it off.
        if (s.path("TargetMetadata").path("BatchApplyEnabled").asBoolean(false)) {
            problems.add("task " + identifier + " has TargetMetadata.BatchApplyEnabled=true; loopback prevention needs it off");
        }
        return problems;
    }

    /**
     * Settings of the backward task: safe defaults, the input's extra settings, then loopback
     * prevention mirrored from the forward task (or from the sites' schemas when the forward
     * task's settings cannot be read) and batch apply off - those two always win.
     */
    public static String backwardSettings(SwitchoverInput in, Optional<String> forwardSettings) {
        ObjectNode s = TaskSettings.withDefaults(in.dms().taskSettings());
        List<String> forward = forwardSettings.flatMap(TwoWayTasks::loopbackSchemas)
                .orElse(List.of(in.fromSite().schema(), in.toSite().schema()));
        return withLoopbackPrevention(s, forward.get(1), forward.get(0)).toString();
    }

    /**
     * Loopback prevention on (the task skips what the other direction applied) and batch apply off
     * (DMS reads it in TargetMetadata; prevention needs it off): set on either task of a pair,
     * overriding whatever the settings said.
     */
    public static ObjectNode withLoopbackPrevention(ObjectNode settings, String sourceSchema, String targetSchema) {
        JsonNode metadata = settings.get("TargetMetadata");
        (metadata instanceof ObjectNode o ? o : settings.putObject("TargetMetadata")).put("BatchApplyEnabled", false);
        settings.putObject("LoopbackPreventionSettings")
                .put("EnableLoopbackPrevention", true)
                .put("SourceSchema", sourceSchema)
                .put("TargetSchema", targetSchema);
        return settings;
    }

    /**
     * Table mappings of the backward task: the input's, else every table of the to-site's schema,
     * renamed to the from-site's schema when the two differ.
     */
    public static String backwardMappings(SwitchoverInput in) {
        if (in.dms().tableMappings() != null) return in.dms().tableMappings().toString();
        SiteRef source = in.toSite();
        SiteRef target = in.fromSite();
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode rules = root.putArray("rules");
        rules.add(TableMappings.selection(1, "include-" + source.schema().toLowerCase(), source.schema(), "include"));
        if (!source.schema().equals(target.schema())) {
            ObjectNode rename = rules.addObject();
            rename.put("rule-type", "transformation").put("rule-id", "2").put("rule-name", "rename-schema")
                    .put("rule-target", "schema").put("rule-action", "rename").put("value", target.schema());
            rename.putObject("object-locator").put("schema-name", source.schema());
        }
        return root.toString();
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return Json.mapper().createObjectNode();
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("task settings are not JSON: " + e.getMessage(), e);
        }
    }
}
