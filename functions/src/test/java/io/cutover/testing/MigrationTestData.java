package io.cutover.testing;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.preparation.HeldBackObject;

import java.util.ArrayList;
import java.util.List;

/** Test data of the migration's tests: two tables of the sample input (public.%), the target objects held back for the load. */
public final class MigrationTestData {
    public static final TableName ORDERS = TableName.of("public", "orders");
    public static final TableName LINES = TableName.of("public", "order_lines");
    public static final HeldBackObject ORDERS_INDEX = HeldBackObject.index(ORDERS, "orders_customer_idx",
            "CREATE INDEX orders_customer_idx ON public.orders (customer)", false, null);
    public static final HeldBackObject LINES_FK = new HeldBackObject(HeldBackObject.Kind.FOREIGN_KEY, LINES, "lines_order_fk",
            "FOREIGN KEY (order_id) REFERENCES public.orders(id)", null, true, null, false, null);

    private MigrationTestData() {
    }

    /** A table of bigint key columns only (the key as given, in order). */
    public static TableDefinition keyed(TableName name, String... key) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (String k : key) columns.add(new ColumnDefinition(k, "bigint", ValueKind.INTEGER, false, true, null, true));
        return new TableDefinition(name, columns, List.of(key), 10, 8192);
    }
}
