package io.cutover.migrate.validation;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableName;

import java.util.List;

/**
 * What one side computes for a table: which columns, encoded how, hashed how, and the key that
 * orders and ranges the rows. The two sides' plans list their columns in the same order. No column
 * at all (none could be compared) leaves row counts only.
 *
 * @param key            primary-key columns of this side in key order (empty: the table is compared whole)
 * @param binaryKeyOrder whether string keys must be ordered by their bytes (the two sides' collations differ)
 */
public record RowHashPlan(TableName table, List<ColumnDefinition> key, List<HashedColumn> columns,
                          RowHashFunction function, boolean binaryKeyOrder) {

    public RowHashPlan {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    public boolean keyed() {
        return !key.isEmpty();
    }
}
