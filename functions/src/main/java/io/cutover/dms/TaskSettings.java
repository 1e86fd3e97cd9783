package io.cutover.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.DmsSettings;
import io.cutover.json.Json;

import java.util.Iterator;
import java.util.Map;

/** DMS task settings (a JSON document by DMS's definition): the product's safe defaults under the input's. */
public final class TaskSettings {
    private TaskSettings() {
    }

    /** Settings of a task the run creates from the input's DMS settings. */
    public static String of(DmsSettings dms) {
        return withDefaults(dms.taskSettings()).toString();
    }

    /**
     * Settings of a migration's full-load-and-cdc task: the safe defaults, validation on, the
     * input's target table preparation and LOB limit, then the input's own settings over them.
     */
    public static String forMigration(io.cutover.input.MigrateInput in) {
        ObjectNode s = withDefaults(in.taskSettings());
        ((ObjectNode) s.get("FullLoadSettings")).put("TargetTablePrepMode", in.targetTablePrepMode());
        ObjectNode target = (ObjectNode) s.get("TargetMetadata");
        if (in.taskSettings() == null || !in.taskSettings().path("TargetMetadata").has("LobMaxSize")) {
            target.put("LobMaxSize", in.lobMaxSizeKb());
        }
        if (!s.has("ValidationSettings")) s.putObject("ValidationSettings").put("EnableValidation", true);
        return s.toString();
    }

    /** The table mappings of a task as DMS takes them: a JSON string. */
    public static String mappings(io.cutover.input.MigrateInput in) {
        return in.tableMappings().toString();
    }

    /**
     * Safe defaults (never touch target tables, log to CloudWatch, batch apply off), overridden
     * key by key by {@code given} (top-level objects are merged, anything else replaced).
     */
    public static ObjectNode withDefaults(JsonNode given) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.putObject("Logging").put("EnableLogging", true);
        s.putObject("FullLoadSettings").put("TargetTablePrepMode", "DO_NOTHING");
        // Each key in the section DMS reads it from (dms.layout.TaskSettingsLayout): BatchApplyEnabled
        // is a TargetMetadata key; SupportLobs needs FullLobMode or LimitedSizeLobMode on.
        s.putObject("TargetMetadata").put("SupportLobs", true).put("FullLobMode", false)
                .put("LimitedSizeLobMode", true).put("LobMaxSize", 32).put("BatchApplyEnabled", false);
        if (given != null && given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (s.get(e.getKey()) instanceof ObjectNode base && e.getValue().isObject()) {
                    base.setAll((ObjectNode) e.getValue());
                } else {
                    s.set(e.getKey(), e.getValue());
                }
            }
        }
        return s;
    }
}
