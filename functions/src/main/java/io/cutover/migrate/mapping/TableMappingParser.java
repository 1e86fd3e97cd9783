package io.cutover.migrate.mapping;

import io.cutover.failure.InvalidInput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a DMS table-mapping document given as a plain JSON tree (maps, lists, strings, numbers,
 * booleans - what any JSON library turns it into), checking what DMS would refuse and naming every
 * bad field by its path. Selection rules and schema/table/column name transformations are
 * interpreted; other rules are kept as "not interpreted".
 */
public final class TableMappingParser {

    private static final List<String> SELECTION_ACTIONS = List.of("include", "exclude", "explicit");
    private static final List<String> TABLE_TYPES = List.of("table", "view", "all");
    private static final Set<String> NAME_TARGETS = Set.of("schema", "table", "column");

    private TableMappingParser() {
    }

    /**
     * @param tree the parsed JSON document
     * @param path where it sits in the input, for messages (e.g. {@code dms.tableMappings})
     * @throws InvalidInput naming every problem found
     */
    public static TableMapping parse(Object tree, String path) {
        List<String> problems = new ArrayList<>();
        List<SelectionRule> selections = new ArrayList<>();
        List<NameTransformation> transformations = new ArrayList<>();
        List<TableMapping.OtherRule> notInterpreted = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> root)) {
            throw new InvalidInput(List.of(path + ": must be a DMS table-mapping object with a rules array"));
        }
        if (!(root.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
            throw new InvalidInput(List.of(path + ".rules: must be a non-empty array"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String at = path + ".rules[" + i + "]";
            if (!(rules.get(i) instanceof Map<?, ?> rule)) {
                problems.add(at + ": must be an object");
                continue;
            }
            Fields f = new Fields(rule, at, problems);
            String id = f.id("rule-id");
            if (id != null && !ids.add(id)) problems.add(at + ".rule-id: '" + id + "' is used by another rule");
            String type = f.text("rule-type", true);
            if (type == null) continue;
            switch (type) {
                case "selection" -> {
                    SelectionRule s = selection(f, id);
                    if (s != null) selections.add(s);
                }
                case "transformation" -> {
                    String target = f.text("rule-target", true);
                    String action = f.text("rule-action", true);
                    if (target == null || action == null) continue;
                    if (NAME_TARGETS.contains(target) && nameAction(target, action) != null) {
                        NameTransformation t = transformation(f, id, target, nameAction(target, action));
                        if (t != null) transformations.add(t);
                    } else {
                        notInterpreted.add(new TableMapping.OtherRule(id, "transformation " + action + " on " + target, true));
                    }
                }
                default -> notInterpreted.add(new TableMapping.OtherRule(id, type, false));
            }
        }
        if (selections.isEmpty() && problems.isEmpty()) {
            problems.add(path + ".rules: no selection rule (DMS needs at least one to select tables)");
        }
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return new TableMapping(selections, transformations, notInterpreted);
    }

    private static SelectionRule selection(Fields f, String id) {
        String action = f.text("rule-action", true);
        if (action != null && !SELECTION_ACTIONS.contains(action)) {
            f.problem("rule-action", "'" + action + "' is not one of " + SELECTION_ACTIONS);
            action = null;
        }
        Fields locator = f.object("object-locator");
        if (locator == null) return null;
        NamePattern schema = locator.pattern("schema-name", true);
        NamePattern table = locator.pattern("table-name", true);
        String tableType = locator.text("table-type", false);
        if (tableType != null && !TABLE_TYPES.contains(tableType)) {
            locator.problem("table-type", "'" + tableType + "' is not one of " + TABLE_TYPES);
        }
        if ("explicit".equals(action)) {
            if (schema != null && schema.hasWildcard()) locator.problem("schema-name", "an explicit rule names one schema exactly, without wildcards");
            if (table != null && table.hasWildcard()) locator.problem("table-name", "an explicit rule names one table exactly, without wildcards");
        }
        boolean filtered = f.nonEmptyList("filters");
        if (action == null || schema == null || table == null) return null;
        return new SelectionRule(id, SelectionRule.Action.valueOf(action.toUpperCase(Locale.ROOT)), schema, table,
                tableType == null ? "table" : tableType, filtered);
    }

    private static NameTransformation.Action nameAction(String target, String action) {
        for (NameTransformation.Action a : NameTransformation.Action.values()) {
            if (!a.dmsName().equals(action)) continue;
            if (a == NameTransformation.Action.REMOVE_COLUMN && !target.equals("column")) return null;
            return a;
        }
        return null;
    }

    private static NameTransformation transformation(Fields f, String id, String target, NameTransformation.Action action) {
        Fields locator = f.object("object-locator");
        if (locator == null) return null;
        NameTransformation.Target t = NameTransformation.Target.valueOf(target.toUpperCase(Locale.ROOT));
        NamePattern schema = locator.pattern("schema-name", true);
        NamePattern table = t == NameTransformation.Target.SCHEMA ? NamePattern.parse("%") : locator.pattern("table-name", true);
        NamePattern column = t == NameTransformation.Target.COLUMN ? locator.pattern("column-name", true) : null;
        boolean needsValue = switch (action) {
            case RENAME, ADD_PREFIX, ADD_SUFFIX, REMOVE_PREFIX, REMOVE_SUFFIX, REPLACE_PREFIX, REPLACE_SUFFIX -> true;
            default -> false;
        };
        boolean needsOld = action == NameTransformation.Action.REPLACE_PREFIX || action == NameTransformation.Action.REPLACE_SUFFIX;
        String value = needsValue ? f.text("value", true) : null;
        String old = needsOld ? f.text("old-value", true) : null;
        if (schema == null || table == null || (t == NameTransformation.Target.COLUMN && column == null)
                || (needsValue && value == null) || (needsOld && old == null)) {
            return null;
        }
        return new NameTransformation(id, t, action, schema, table, column, value, old);
    }

    /** Field access on one JSON object with problems collected under its path. */
    private record Fields(Map<?, ?> node, String path, List<String> problems) {

        void problem(String field, String message) {
            problems.add(path + "." + field + ": " + message);
        }

        String text(String field, boolean required) {
            Object v = node.get(field);
            if (v == null) {
                if (required) problem(field, "missing");
                return null;
            }
            if (!(v instanceof String s) || s.isEmpty()) {
                problem(field, "must be a non-empty string");
                return null;
            }
            return s;
        }

        /** rule-id: DMS documents a number, the console writes it as a string; both are accepted. */
        String id(String field) {
            Object v = node.get(field);
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return Long.toString(n.longValue());
            if (v instanceof String s && s.matches("[0-9]{1,18}")) return s;
            problem(field, v == null ? "missing" : "must be a whole number");
            return null;
        }

        NamePattern pattern(String field, boolean required) {
            String text = text(field, required);
            if (text == null) return null;
            try {
                return NamePattern.parse(text);
            } catch (IllegalArgumentException e) {
                problem(field, e.getMessage());
                return null;
            }
        }

        Fields object(String field) {
            Object v = node.get(field);
            if (!(v instanceof Map<?, ?> m)) {
                problem(field, v == null ? "missing" : "must be an object");
                return null;
            }
            return new Fields(m, path + "." + field, problems);
        }

        boolean nonEmptyList(String field) {
            Object v = node.get(field);
            if (v == null) return false;
            if (!(v instanceof List<?> l)) {
                problem(field, "must be an array");
                return false;
            }
            return !l.isEmpty();
        }
    }
}
