package io.cutover.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.dms.template.TaskSettingsTemplates;
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
     * Settings of a migration's full-load-and-cdc task: the input's template (postgres or
     * oracle-to-aurora: validation on, limited LOB mode) under the input's merge patch, with the
     * input's target table preparation and (unless the patch sets it) LOB limit.
     */
    public static String forMigration(io.cutover.input.MigrateInput in) {
        ObjectNode s = TaskSettingsTemplates.build(in.settingsTemplate(), in.taskSettings(),
                TaskSettingsTemplates.SchemaOrigin.PRE_CREATED, "dms.taskSettings").settings();
        section(s, "FullLoadSettings").put("TargetTablePrepMode", in.targetTablePrepMode());
        if (in.taskSettings() == null || !in.taskSettings().path("TargetMetadata").has("LobMaxSize")) {
            section(s, "TargetMetadata").put("LobMaxSize", in.lobMaxSizeKb());
        }
        // The two-way door's forward task: mirrored by the backward task's settings (TwoWayDoorHandover).
        if (in.twoWayDoor() != null) TwoWayTasks.withLoopbackPrevention(s, in.sentinelSchema(), in.sentinelSchema());
        return s.toString();
    }

    /** The settings' section of that name (made when the patch removed it). */
    private static ObjectNode section(ObjectNode settings, String name) {
        return settings.get(name) instanceof ObjectNode o ? o : settings.putObject(name);
    }

    /** Settings of the S3 copy's task: the s3 template under the input's patch, as the parser built them. */
    public static String forS3Copy(io.cutover.input.MigrateInput in) {
        return in.s3Target().taskSettings().toString();
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
