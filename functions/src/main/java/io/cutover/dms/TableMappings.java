package io.cutover.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.DmsSettings;
import io.cutover.instance.Engine;
import io.cutover.json.Json;

import java.util.List;
import java.util.Map;

/** DMS table mappings (a JSON document by DMS's definition). */
public final class TableMappings {
    private static final Map<Engine, List<String>> SYSTEM_SCHEMAS = Map.of(
            Engine.POSTGRES, List.of("pg_catalog", "information_schema", "pg_toast"),
            Engine.ORACLE, List.of("SYS", "SYSTEM", "RDSADMIN", "OUTLN", "DBSNMP", "XDB", "CTXSYS", "MDSYS", "AUDSYS"));

    private TableMappings() {
    }

    /** The input's mappings, else every table of every non-system schema of the engine. */
    public static String of(DmsSettings dms, Engine engine) {
        JsonNode given = dms.tableMappings();
        if (given != null) return given.toString();
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode rules = root.putArray("rules");
        int id = 1;
        rules.add(selection(id++, "include-all", "%", "include"));
        for (String schema : SYSTEM_SCHEMAS.get(engine)) {
            rules.add(selection(id++, "exclude-" + schema.toLowerCase(), schema, "exclude"));
        }
        return root.toString();
    }

    static ObjectNode selection(int id, String name, String schema, String action) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("rule-type", "selection");
        r.put("rule-id", String.valueOf(id));
        r.put("rule-name", name);
        r.putObject("object-locator").put("schema-name", schema).put("table-name", "%");
        r.put("rule-action", action);
        return r;
    }
}
