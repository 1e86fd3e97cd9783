package io.cutover.migrate.mapping;

import io.cutover.migrate.TableName;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a DMS table mapping that decide which tables move and under which names: selection
 * rules (a table moves when an include or explicit rule names it and no exclude rule does - an
 * exclude wins whatever the order) and the name transformations, applied in rule order. Rules this
 * class does not interpret are listed, so a check that depends on them can say so.
 */
public final class TableMapping {
    private final List<SelectionRule> selections;
    private final List<NameTransformation> transformations;
    private final List<OtherRule> notInterpreted;

    /**
     * A rule read but not interpreted.
     *
     * @param kind           e.g. "table-settings" or "transformation add-column on column"
     * @param transformation whether it is a transformation rule (it changes what lands on the target)
     */
    public record OtherRule(String ruleId, String kind, boolean transformation) {
        @Override
        public String toString() {
            return "rule " + ruleId + ": " + kind;
        }
    }

    public TableMapping(List<SelectionRule> selections, List<NameTransformation> transformations, List<OtherRule> notInterpreted) {
        this.selections = List.copyOf(selections);
        this.transformations = List.copyOf(transformations);
        this.notInterpreted = List.copyOf(notInterpreted);
    }

    public boolean selects(TableName table) {
        boolean included = false;
        for (SelectionRule r : selections) {
            if (!r.matches(table)) continue;
            if (r.action() == SelectionRule.Action.EXCLUDE) return false;
            included = true;
        }
        return included;
    }

    /** The tables of {@code tables} this mapping moves, in name order. */
    public List<TableName> selected(Collection<TableName> tables) {
        return tables.stream().filter(this::selects).sorted().toList();
    }

    /** The include rule with column filters that selects the table, if any: then DMS moves only some of its rows. */
    public Optional<SelectionRule> filter(TableName table) {
        return selections.stream()
                .filter(r -> r.action() != SelectionRule.Action.EXCLUDE && r.filtered() && r.matches(table))
                .findFirst();
    }

    /** The table's name on the target: schema rules on the source schema, then table rules on the source table. */
    public TableName targetTable(TableName source) {
        String schema = source.schema();
        String table = source.table();
        for (NameTransformation t : transformations) {
            if (t.target() == NameTransformation.Target.SCHEMA && t.schema().matches(source.schema())) {
                schema = t.apply(schema);
            } else if (t.target() == NameTransformation.Target.TABLE && locates(t, source)) {
                table = t.apply(table);
            }
        }
        return new TableName(schema, table);
    }

    /** The column's name on the target, or empty when a remove-column rule drops it. */
    public Optional<String> targetColumn(TableName source, String column) {
        String name = column;
        for (NameTransformation t : transformations) {
            if (t.target() != NameTransformation.Target.COLUMN || !locates(t, source) || !t.column().matches(column)) continue;
            if (t.action() == NameTransformation.Action.REMOVE_COLUMN) return Optional.empty();
            name = t.apply(name);
        }
        return Optional.of(name);
    }

    private static boolean locates(NameTransformation t, TableName source) {
        return t.schema().matches(source.schema()) && t.table().matches(source.table());
    }

    /** Rules read but not interpreted (e.g. "rule 7: transformation add-column on column"). */
    public List<String> notInterpreted() {
        return notInterpreted.stream().map(OtherRule::toString).toList();
    }

    /** The same rules with their ids and whether they transform. */
    public List<OtherRule> otherRules() {
        return notInterpreted;
    }

    public List<SelectionRule> selections() {
        return selections;
    }

    public List<NameTransformation> transformations() {
        return transformations;
    }
}
