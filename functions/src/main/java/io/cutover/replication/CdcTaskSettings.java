package io.cutover.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * Settings of the CDC tasks the product creates: safe defaults (never touch target tables, log to
 * CloudWatch, limited LOB mode, batch apply off - each in the section DMS reads it from, see
 * {@link TaskSettingsLayout}), overridden key by key by the settings a run's input gives.
 */
public final class CdcTaskSettings {

    private CdcTaskSettings() {
    }

    /** @param overrides the input's task settings, or null */
    public static ObjectNode withOverrides(JsonNode overrides) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.putObject("Logging").put("EnableLogging", true);
        s.putObject("FullLoadSettings").put("TargetTablePrepMode", "DO_NOTHING");
        // SupportLobs needs FullLobMode or LimitedSizeLobMode on (TargetMetadata task settings page).
        s.putObject("TargetMetadata").put("SupportLobs", true).put("FullLobMode", false)
                .put("LimitedSizeLobMode", true).put("LobMaxSize", 32).put("BatchApplyEnabled", false);
        if (overrides != null && overrides.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
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
