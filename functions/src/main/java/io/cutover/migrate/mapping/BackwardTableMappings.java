package io.cutover.migrate.mapping;

import io.cutover.migrate.TableName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two-way door's backward task mappings: the migration's mappings mirrored, target -> source.
 * The backward task carries back exactly the tables the migration moved, each under the name it
 * has on the source (a schema or table rename inverted), plus the tables the runbook itself
 * writes on the target (the sentinel, the heartbeat). Built from the tables the forward mapping
 * selects on the source, so a wildcard or a rename chain needs no inverting rule by rule: one
 * include per target table, names taken literally ({@code _}, {@code %} and {@code [} escaped as
 * DMS reads them), a schema rename per target schema and a table rename per renamed table.
 *
 * <p>What cannot be mirrored is a problem naming its rule: column transformations (renamed,
 * removed or added columns - the backward task would write columns the source does not have under
 * those names), a transformation this product does not interpret, two source schemas landing in one
 * target schema (a DMS schema rename is per schema, not per table), two source tables landing in
 * one. Rules that are not transformations (e.g. table-settings: parallel load) tune the full load
 * and are not carried: the backward task is CDC only. Selection filters are not carried either:
 * the target holds only the filtered rows, and every change to them goes back.
 */
public final class BackwardTableMappings {

    /**
     * The mirror, or why there is none.
     *
     * @param document DMS table mappings as a plain tree (maps, lists, strings), the backward task's
     * @param carried  the target tables it selects, each with the source table it writes to
     * @param problems what cannot be mirrored, each naming its rule (empty: the document is exact)
     */
    public record Mirror(Map<String, Object> document, Map<TableName, TableName> carried, List<String> problems) {
        public Mirror {
            document = document == null ? null : Map.copyOf(document);
            carried = carried == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(carried));
            problems = List.copyOf(problems);
        }

        public boolean exact() {
            return problems.isEmpty();
        }
    }

    private BackwardTableMappings() {
    }

    /**
     * @param forward      the migration's table mappings
     * @param sourceTables the source's tables (the forward mapping decides which of them moved)
     * @param runbookTables tables the runbook writes on the target and reads on the source under the same name
     *                      (the sentinel, the heartbeat): carried back whether the migration moved them or not
     */
    public static Mirror mirror(TableMapping forward, Collection<TableName> sourceTables, Collection<TableName> runbookTables) {
        List<String> problems = new ArrayList<>();
        Map<TableName, TableName> back = new TreeMap<>();
        List<TableName> moved = forward.selected(sourceTables);
        for (TableName source : moved) {
            TableName target = forward.targetTable(source);
            TableName earlier = back.putIfAbsent(target, source);
            if (earlier != null) {
                problems.add("source tables " + earlier + " and " + source + " both land in " + target + " (rules "
                        + ruleIds(forward.transformations(), earlier, source) + "): the backward task cannot send its changes"
                        + " back to both");
            }
        }
        for (TableName own : runbookTables) back.putIfAbsent(own, own);
        columnRules(forward, moved, problems);
        for (TableMapping.OtherRule r : forward.otherRules()) {
            if (r.transformation()) {
                problems.add(r + " cannot be inverted: the backward task would write what it changed to the source");
            }
        }
        Map<String, Set<String>> schemaOrigins = new TreeMap<>();
        back.forEach((target, source) -> schemaOrigins.computeIfAbsent(target.schema(), k -> new TreeSet<>()).add(source.schema()));
        schemaOrigins.forEach((target, sources) -> {
            if (sources.size() > 1) {
                problems.add("target schema " + target + " receives tables of schemas " + String.join(", ", sources)
                        + " (rules " + schemaRuleIds(forward, sources) + "): a DMS schema rename sends a schema back to one"
                        + " schema only");
            }
        });
        if (!problems.isEmpty()) return new Mirror(null, back, problems);
        return new Mirror(document(back, schemaOrigins), back, problems);
    }

    private static void columnRules(TableMapping forward, List<TableName> moved, List<String> problems) {
        for (NameTransformation t : forward.transformations()) {
            if (t.target() != NameTransformation.Target.COLUMN) continue;
            List<TableName> located = moved.stream().filter(m -> t.schema().matches(m.schema()) && t.table().matches(m.table())).toList();
            if (located.isEmpty()) continue;
            problems.add("rule " + t.ruleId() + ": transformation " + t.action().dmsName() + " on column " + t.column()
                    + " of " + located.getFirst() + (located.size() > 1 ? " and " + (located.size() - 1) + " more" : "")
                    + " cannot be inverted: the backward task would write the target's columns to the source under"
                    + " names it does not have");
        }
    }

    private static String ruleIds(List<NameTransformation> rules, TableName... sources) {
        Set<String> ids = new TreeSet<>();
        for (NameTransformation t : rules) {
            for (TableName s : sources) {
                boolean schema = t.target() == NameTransformation.Target.SCHEMA && t.schema().matches(s.schema());
                boolean table = t.target() == NameTransformation.Target.TABLE && t.schema().matches(s.schema())
                        && t.table().matches(s.table());
                if (schema || table) ids.add(t.ruleId());
            }
        }
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static String schemaRuleIds(TableMapping forward, Set<String> sourceSchemas) {
        Set<String> ids = new TreeSet<>();
        for (NameTransformation t : forward.transformations()) {
            if (t.target() != NameTransformation.Target.SCHEMA) continue;
            for (String s : sourceSchemas) if (t.schema().matches(s)) ids.add(t.ruleId());
        }
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static Map<String, Object> document(Map<TableName, TableName> back, Map<String, Set<String>> schemaOrigins) {
        List<Object> rules = new ArrayList<>();
        for (TableName target : back.keySet()) {
            rules.add(rule(rules.size() + 1, "selection", null, "include", target.schema(), target.table(), null));
        }
        schemaOrigins.forEach((target, sources) -> {
            String source = sources.iterator().next();
            if (!source.equals(target)) rules.add(rule(rules.size() + 1, "transformation", "schema", "rename", target, null, source));
        });
        back.forEach((target, source) -> {
            if (!source.table().equals(target.table())) {
                rules.add(rule(rules.size() + 1, "transformation", "table", "rename", target.schema(), target.table(), source.table()));
            }
        });
        return Map.of("rules", rules);
    }

    private static Map<String, Object> rule(int id, String type, String ruleTarget, String action, String schema, String table,
                                            String value) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rule-type", type);
        r.put("rule-id", String.valueOf(id));
        r.put("rule-name", "back-" + id);
        if (ruleTarget != null) r.put("rule-target", ruleTarget);
        Map<String, Object> locator = new LinkedHashMap<>();
        locator.put("schema-name", literal(schema));
        if (table != null) locator.put("table-name", literal(table));
        r.put("object-locator", locator);
        r.put("rule-action", action);
        if (value != null) r.put("value", value);
        return r;
    }

    /** A name as a DMS pattern matching only itself: its wildcard characters in brackets. */
    static String literal(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '%' || c == '[') b.append('[').append(c).append(']');
            else b.append(c);
        }
        return b.toString();
    }
}
