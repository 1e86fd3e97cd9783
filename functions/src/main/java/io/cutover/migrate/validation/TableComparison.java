package io.cutover.migrate.validation;

import io.cutover.migrate.TableName;
import io.cutover.migrate.mapping.TableMapping;

import java.util.Optional;
import java.util.function.Function;

/**
 * A table to validate: its name on each side and how its columns are named on the target.
 *
 * @param targetColumn the target name of a source column, empty when the task drops it
 */
public record TableComparison(TableName source, TableName target, Function<String, Optional<String>> targetColumn) {

    /** Same table and column names on both sides. */
    public static TableComparison same(TableName table) {
        return new TableComparison(table, table, Optional::of);
    }

    /** Names as the task's table mappings give them. */
    public static TableComparison mapped(TableMapping mapping, TableName source) {
        return new TableComparison(source, mapping.targetTable(source), c -> mapping.targetColumn(source, c));
    }
}
