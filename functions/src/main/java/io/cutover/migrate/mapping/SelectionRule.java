package io.cutover.migrate.mapping;

import io.cutover.migrate.TableName;

/**
 * One DMS selection rule.
 *
 * @param tableType which objects it selects: table (the default), view or all
 * @param filtered  whether it carries column filters: then only some of the table's rows move
 */
public record SelectionRule(String ruleId, Action action, NamePattern schema, NamePattern table, String tableType,
                            boolean filtered) {

    public enum Action { INCLUDE, EXCLUDE, EXPLICIT }

    /** Whether the rule's locator names this table (views are not tables). */
    public boolean matches(TableName name) {
        return !"view".equals(tableType) && schema.matches(name.schema()) && table.matches(name.table());
    }
}
