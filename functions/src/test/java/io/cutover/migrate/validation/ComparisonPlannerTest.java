package io.cutover.migrate.validation;

import io.cutover.instance.Engine;
import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonPlannerTest {

    private static final ServerTraits PG17 = new ServerTraits(Engine.POSTGRES, 170004, true, true, true);
    private static final ServerTraits PG13 = new ServerTraits(Engine.POSTGRES, 130020, false, true, true);
    private static final ServerTraits PG16 = new ServerTraits(Engine.POSTGRES, 160009, true, true, true);
    private static final ServerTraits ORACLE = new ServerTraits(Engine.ORACLE, 190000, false, true, false);

    private static ColumnDefinition col(String name, String type, ValueKind kind) {
        return new ColumnDefinition(name, type, kind, false, kind != ValueKind.FLOAT, null, true);
    }

    private static ColumnDefinition lob(String name, String type, ValueKind kind) {
        return new ColumnDefinition(name, type, kind, true, false, null, true);
    }

    private static TableDefinition table(String schema, String name, List<String> key, ColumnDefinition... columns) {
        return new TableDefinition(TableName.of(schema, name), List.of(columns), key, 100, 1000);
    }

    private static final TableDefinition ORA_ORDERS = table("SHOP", "ORDERS", List.of("ID"),
            col("ID", "NUMBER(10)", ValueKind.INTEGER), col("AMOUNT", "NUMBER(12,2)", ValueKind.DECIMAL),
            col("PRICE", "BINARY_DOUBLE", ValueKind.FLOAT), lob("NOTES", "CLOB", ValueKind.STRING),
            col("PLACED", "DATE", ValueKind.TIMESTAMP), col("UPDATED", "TIMESTAMP(6)", ValueKind.TIMESTAMP),
            col("TOKEN", "RAW(16)", ValueKind.BINARY), col("CODE", "CHAR(4)", ValueKind.FIXED_STRING));
    private static final TableDefinition PG_ORDERS = table("shop", "orders", List.of("id"),
            col("id", "bigint", ValueKind.INTEGER), col("amount", "numeric(12,2)", ValueKind.DECIMAL),
            col("price", "double precision", ValueKind.FLOAT), lob("notes", "text", ValueKind.STRING),
            col("placed", "timestamp(0) without time zone", ValueKind.TIMESTAMP),
            col("updated", "timestamp with time zone", ValueKind.TIMESTAMP_TZ), col("token", "uuid", ValueKind.UUID),
            col("code", "character varying(4)", ValueKind.STRING));

    private static Optional<String> lower(String c) {
        return Optional.of(c.toLowerCase(Locale.ROOT));
    }

    @Test
    void oracleToPostgresComparesCanonicalTextsAndNamesWhatItCannot() {
        ComparisonPlan plan = ComparisonPlanner.plan(ORA_ORDERS, PG_ORDERS, ORACLE, PG17, ComparisonPlannerTest::lower, null);
        assertEquals(RowHashFunction.MD5_TEXT, plan.source().function());
        assertTrue(plan.source().binaryKeyOrder(), "two engines agree only on byte order");
        assertEquals(List.of("ID", "AMOUNT", "PLACED", "CODE"), plan.source().columns().stream().map(h -> h.column().name()).toList());
        assertEquals(List.of("id", "amount", "placed", "code"), plan.target().columns().stream().map(h -> h.column().name()).toList());
        assertTrue(plan.source().columns().stream().allMatch(h -> h.encoding() == ColumnEncoding.CANONICAL));
        assertEquals(ValueKind.FIXED_STRING, plan.target().columns().get(3).canonicalKind(), "CHAR against VARCHAR: unpadded");
        assertEquals(List.of(
                "PRICE (BINARY_DOUBLE -> double precision): binary floating point prints differently on the two engines",
                "NOTES (CLOB -> text): a LOB the engine cannot render as one string for hashing",
                "UPDATED (TIMESTAMP(6) -> timestamp with time zone): a timestamp without zone against one with a zone needs a declared"
                        + " time zone rule",
                "TOKEN (RAW(16) -> uuid): BINARY and UUID values have no common canonical form"), plan.notCompared());
        assertFalse(plan.exact());
        assertNull(plan.unkeyed());
    }

    @Test
    void aDeclaredTimeZoneRuleReadsTheNaiveSideInThatZone() {
        ComparisonPlan plan = ComparisonPlanner.plan(ORA_ORDERS, PG_ORDERS, ORACLE, PG17, ComparisonPlannerTest::lower,
                "Europe/Berlin");
        HashedColumn source = plan.source().columns().stream().filter(h -> h.column().name().equals("UPDATED")).findFirst().orElseThrow();
        HashedColumn target = plan.target().columns().stream().filter(h -> h.column().name().equals("updated")).findFirst().orElseThrow();
        assertEquals(ValueKind.TIMESTAMP_TZ, source.canonicalKind());
        assertEquals("Europe/Berlin", source.naiveTimeZone());
        assertNull(target.naiveTimeZone(), "the zoned side is already an instant");
    }

    @Test
    void stringsNeedUtf8OnBothSidesAcrossEngines() {
        ServerTraits latin1 = new ServerTraits(Engine.ORACLE, 190000, false, false, false);
        ComparisonPlan plan = ComparisonPlanner.plan(ORA_ORDERS, PG_ORDERS, latin1, PG17, ComparisonPlannerTest::lower, null);
        assertTrue(plan.notCompared().stream().anyMatch(n -> n.startsWith("CODE (CHAR(4) -> character varying(4)): strings are not"
                + " stored as UTF-8")), plan.notCompared().toString());
    }

    @Test
    void postgresToPostgresHashesStoredValuesAndNormalisesOnlyWhereTypesDiffer() {
        TableDefinition source = table("s", "t", List.of("id"), col("id", "integer", ValueKind.INTEGER),
                col("amount", "numeric(12,2)", ValueKind.DECIMAL), col("ratio", "double precision", ValueKind.FLOAT),
                col("name", "text", ValueKind.STRING));
        TableDefinition target = table("s", "t", List.of("id"), col("id", "integer", ValueKind.INTEGER),
                col("amount", "numeric(14,4)", ValueKind.DECIMAL), col("ratio", "double precision", ValueKind.FLOAT),
                col("name", "text", ValueKind.STRING));
        ComparisonPlan plan = ComparisonPlanner.plan(source, target, PG17, PG17, Optional::of, null);
        assertEquals(RowHashFunction.COLUMN_HASHES, plan.source().function());
        assertEquals(RowHashFunction.COLUMN_HASHES, plan.target().function());
        assertEquals(List.of(ColumnEncoding.NATIVE, ColumnEncoding.CANONICAL, ColumnEncoding.TEXT, ColumnEncoding.NATIVE),
                plan.source().columns().stream().map(HashedColumn::encoding).toList(),
                "floats by their text (the hash equates 0 and -0); differing numerics by canonical text");
        assertTrue(plan.exact());
        assertFalse(plan.source().binaryKeyOrder());

        ComparisonPlan older = ComparisonPlanner.plan(source, target, PG13, PG17, Optional::of, null);
        assertEquals(RowHashFunction.MD5_TEXT, older.source().function(), "no hash_record_extended before 14");
        assertEquals(ColumnEncoding.TEXT, older.source().columns().get(0).encoding());

        ComparisonPlan sixteen = ComparisonPlanner.plan(source, target, PG17, PG16, Optional::of, null);
        assertEquals(RowHashFunction.RECORD_HASH, sixteen.source().function(), "one side before 17: the record hash on both");
        assertEquals(RowHashFunction.RECORD_HASH, sixteen.target().function());
        assertEquals(ColumnEncoding.NATIVE, sixteen.source().columns().get(0).encoding());
    }

    @Test
    void aTableIsComparedWholeWhenItsKeysCannotRangeIt() {
        TableDefinition noKey = table("s", "log", List.of(), col("at", "timestamp", ValueKind.TIMESTAMP));
        assertEquals("the source table has no primary key",
                ComparisonPlanner.plan(noKey, noKey, PG17, PG17, Optional::of, null).unkeyed());
        TableDefinition byBytes = table("s", "blob", List.of("k"), col("k", "bytea", ValueKind.BINARY));
        assertEquals("key column k (bytea) cannot be ranged",
                ComparisonPlanner.plan(byBytes, byBytes, PG17, PG17, Optional::of, null).unkeyed());
        TableDefinition a = table("s", "t", List.of("a"), col("a", "integer", ValueKind.INTEGER), col("b", "integer", ValueKind.INTEGER));
        TableDefinition b = table("s", "t", List.of("a", "b"), col("a", "integer", ValueKind.INTEGER), col("b", "integer", ValueKind.INTEGER));
        ComparisonPlan differ = ComparisonPlanner.plan(a, b, PG17, PG17, Optional::of, null);
        assertEquals("the primary keys differ: (a) against (a, b)", differ.unkeyed());
        assertFalse(differ.source().keyed());
        assertEquals(2, differ.source().columns().size(), "values are still compared, as a whole");
    }
}
