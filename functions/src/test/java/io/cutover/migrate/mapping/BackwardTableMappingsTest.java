package io.cutover.migrate.mapping;

import io.cutover.migrate.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-way door's backward mappings: each is checked by reading the mirror back with the same
 * parser the forward mappings go through - it must select exactly the target tables the migration
 * wrote and send each to the source table it came from.
 */
class BackwardTableMappingsTest {
    static final TableName ORDERS = TableName.of("shop", "orders");
    static final TableName ORDER_LINES = TableName.of("shop", "order_lines");
    static final TableName ORDERXLINES = TableName.of("shop", "orderxlines");
    static final TableName STAGING = TableName.of("shop", "staging");
    static final TableName AUDIT = TableName.of("audit", "log");
    static final TableName SENTINEL = TableName.of("public", "cutover_sentinel");
    static final List<TableName> SOURCE = List.of(ORDERS, ORDER_LINES, ORDERXLINES, STAGING, AUDIT, SENTINEL);

    private static String rules(String... rules) {
        return "{\"rules\": [" + String.join(", ", rules) + "]}";
    }

    private static String selection(String id, String action, String schema, String table) {
        return "{\"rule-type\": \"selection\", \"rule-id\": \"" + id + "\", \"rule-name\": \"r" + id + "\", \"rule-action\": \""
                + action + "\", \"object-locator\": {\"schema-name\": \"" + schema + "\", \"table-name\": \"" + table + "\"}}";
    }

    private static String rename(String id, String target, String schema, String table, String value) {
        return "{\"rule-type\": \"transformation\", \"rule-id\": \"" + id + "\", \"rule-name\": \"t" + id + "\", \"rule-target\": \""
                + target + "\", \"rule-action\": \"rename\", \"value\": \"" + value + "\", \"object-locator\": {\"schema-name\": \""
                + schema + "\"" + (table == null ? "" : ", \"table-name\": \"" + table + "\"") + "}}";
    }

    /** The mirror read back as DMS would read it: which target tables it selects, and where each lands. */
    private static Map<TableName, TableName> readBack(BackwardTableMappings.Mirror mirror, List<TableName> targetTables) {
        TableMapping back = TableMappingParser.parse(mirror.document(), "backward");
        Map<TableName, TableName> landed = new java.util.TreeMap<>();
        for (TableName t : back.selected(targetTables)) landed.put(t, back.targetTable(t));
        return landed;
    }

    @Test
    void theTablesTheMigrationMovedComeBackUnderTheirSourceNamesPlusTheSentinel() {
        TableMapping forward = Mappings.parse(rules(selection("1", "include", "shop", "%"),
                selection("2", "exclude", "shop", "staging"),
                rename("3", "schema", "shop", null, "store"),
                rename("4", "table", "shop", "orders", "purchase_orders")));

        BackwardTableMappings.Mirror mirror = BackwardTableMappings.mirror(forward, SOURCE, List.of(SENTINEL));

        assertTrue(mirror.exact(), mirror.problems().toString());
        TableName purchaseOrders = TableName.of("store", "purchase_orders");
        Map<TableName, TableName> expected = Map.of(purchaseOrders, ORDERS, TableName.of("store", "order_lines"), ORDER_LINES,
                TableName.of("store", "orderxlines"), ORDERXLINES, SENTINEL, SENTINEL);
        assertEquals(expected, mirror.carried());
        // On the target: the moved tables, what the applications made there since, and a table named like a wildcard match.
        List<TableName> onTarget = List.of(purchaseOrders, TableName.of("store", "order_lines"), TableName.of("store", "orderxlines"),
                TableName.of("store", "orderylines"), TableName.of("store", "staging"), TableName.of("store", "new_table"), SENTINEL,
                TableName.of("public", "heartbeat"));
        assertEquals(expected, readBack(mirror, onTarget), "exactly the moved tables and the sentinel, each to its source name");
    }

    @Test
    void namesAreTakenLiterallyNotAsPatterns() {
        assertEquals("order[_]lines", BackwardTableMappings.literal("order_lines"));
        assertEquals("a[%]b[[]c", BackwardTableMappings.literal("a%b[c"));
        assertTrue(NamePattern.parse(BackwardTableMappings.literal("a%b[c")).matches("a%b[c"));
        assertFalse(NamePattern.parse(BackwardTableMappings.literal("order_lines")).matches("orderxlines"));
    }

    @Test
    void theDoorsOwnTablesAreCarriedEvenWhenTheMigrationDidNotMoveThem() {
        TableMapping forward = Mappings.parse(rules(selection("1", "include", "shop", "orders")));

        BackwardTableMappings.Mirror mirror = BackwardTableMappings.mirror(forward, SOURCE,
                List.of(SENTINEL, TableName.of("public", "heartbeat")));

        assertEquals(Map.of(ORDERS, ORDERS, SENTINEL, SENTINEL, TableName.of("public", "heartbeat"), TableName.of("public", "heartbeat")),
                readBack(mirror, List.of(ORDERS, ORDER_LINES, SENTINEL, TableName.of("public", "heartbeat"))));
    }

    @Test
    void columnTransformationsCannotBeInvertedAndAreNamedByRule() {
        TableMapping forward = Mappings.parse(rules(selection("1", "include", "shop", "%"),
                "{\"rule-type\": \"transformation\", \"rule-id\": \"7\", \"rule-name\": \"c\", \"rule-target\": \"column\","
                        + " \"object-locator\": {\"schema-name\": \"shop\", \"table-name\": \"orders\", \"column-name\": \"amt\"},"
                        + " \"rule-action\": \"rename\", \"value\": \"amount\"}",
                "{\"rule-type\": \"transformation\", \"rule-id\": \"8\", \"rule-name\": \"a\", \"rule-target\": \"column\","
                        + " \"object-locator\": {\"schema-name\": \"shop\", \"table-name\": \"staging\"}, \"rule-action\": \"add-column\","
                        + " \"value\": \"loaded_at\", \"expression\": \"datetime()\", \"data-type\": {\"type\": \"datetime\"}}",
                "{\"rule-type\": \"transformation\", \"rule-id\": \"9\", \"rule-name\": \"n\", \"rule-target\": \"column\","
                        + " \"object-locator\": {\"schema-name\": \"nowhere\", \"table-name\": \"%\", \"column-name\": \"x\"},"
                        + " \"rule-action\": \"remove-column\"}",
                "{\"rule-type\": \"table-settings\", \"rule-id\": \"10\", \"rule-name\": \"p\","
                        + " \"object-locator\": {\"schema-name\": \"shop\", \"table-name\": \"orders\"}, \"parallel-load\": {\"type\": \"partitions-auto\"}}"));

        BackwardTableMappings.Mirror mirror = BackwardTableMappings.mirror(forward, SOURCE, List.of(SENTINEL));

        assertFalse(mirror.exact());
        assertNull(mirror.document(), "no mirror to create a task with");
        assertEquals(2, mirror.problems().size(), mirror.problems().toString());
        assertTrue(mirror.problems().getFirst().startsWith("rule 7: transformation rename on column amt of shop.orders cannot be"
                + " inverted"), mirror.problems().toString());
        assertTrue(mirror.problems().get(1).startsWith("rule 8: transformation add-column on column cannot be inverted"),
                mirror.problems().toString());
        // Rule 9 locates no moved table; rule 10 tunes the full load only: neither is a problem.
    }

    @Test
    void twoSourceSchemasInOneTargetSchemaAreRefusedWithTheirRules() {
        TableMapping forward = Mappings.parse(rules(selection("1", "include", "shop", "orders"), selection("2", "include", "audit", "%"),
                rename("3", "schema", "shop", null, "merged"), rename("4", "schema", "audit", null, "merged")));

        BackwardTableMappings.Mirror mirror = BackwardTableMappings.mirror(forward, SOURCE, List.of(SENTINEL));

        assertEquals(List.of("target schema merged receives tables of schemas audit, shop (rules 3, 4): a DMS schema rename"
                + " sends a schema back to one schema only"), mirror.problems());
    }

    @Test
    void twoSourceTablesLandingInOneAreRefused() {
        TableMapping forward = Mappings.parse(rules(selection("1", "include", "shop", "order%"),
                rename("5", "table", "shop", "order_lines", "orders_all"), rename("6", "table", "shop", "orderxlines", "orders_all")));

        BackwardTableMappings.Mirror mirror = BackwardTableMappings.mirror(forward, SOURCE, List.of());

        assertEquals(1, mirror.problems().size(), mirror.problems().toString());
        assertTrue(mirror.problems().getFirst().startsWith("source tables shop.order_lines and shop.orderxlines both land in"
                + " shop.orders_all (rules 5, 6)"), mirror.problems().toString());
    }
}
