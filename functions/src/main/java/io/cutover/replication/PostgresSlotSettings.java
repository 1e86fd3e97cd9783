package io.cutover.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a DMS PostgreSQL source endpoint says about the logical slot it reads: its SlotName and
 * PluginName. A native CDC start position needs the slot to exist and to be named here, and DMS
 * decodes it with PluginName - with no-preference it picks pglogical whenever that extension is
 * loaded - so both must match the slot the run made (CHAP_Source.PostgreSQL).
 *
 * @param slotName SlotName; null when none is set
 * @param plugin   the decoder as PostgreSQL names it (test_decoding, pglogical); null for no-preference
 */
public record PostgresSlotSettings(String slotName, String plugin) {

    /** The decoders DMS reads (its PluginName values test-decoding and pglogical), as PostgreSQL names them. */
    public static final List<String> DMS_PLUGINS = List.of("test_decoding", "pglogical");

    /** DMS's PluginName value for a decoder (test_decoding -> test-decoding). */
    public static String dmsPluginName(String plugin) {
        if (!DMS_PLUGINS.contains(plugin)) {
            throw new IllegalArgumentException("DMS reads only " + DMS_PLUGINS + " slots, not " + plugin);
        }
        return plugin.replace('_', '-');
    }

    /** The decoder for DMS's PluginName value; null for no-preference or none. */
    public static String fromDmsPluginName(String pluginName) {
        if (pluginName == null || pluginName.isBlank() || pluginName.equals("no-preference")) return null;
        return pluginName.replace('-', '_');
    }

    /** What differs from the slot and decoder the endpoint must read; empty if nothing. */
    public Optional<String> mismatch(String expectedSlot, String expectedPlugin) {
        List<String> wrong = new ArrayList<>();
        if (!expectedSlot.equals(slotName)) {
            wrong.add("SlotName is " + (slotName == null ? "not set" : slotName) + ", not " + expectedSlot);
        }
        if (!expectedPlugin.equals(plugin)) {
            wrong.add("PluginName is " + (plugin == null ? "no-preference" : dmsPluginName(plugin)) + ", not "
                    + dmsPluginName(expectedPlugin));
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong));
    }

    /** The command that sets both on an endpoint. */
    public static String modifyCommand(String endpointArn, String slot, String plugin) {
        return "aws dms modify-endpoint --endpoint-arn " + endpointArn + " --postgre-sql-settings SlotName=" + slot
                + ",PluginName=" + dmsPluginName(plugin);
    }
}
