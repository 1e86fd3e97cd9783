package io.cutover.migrate.preflight;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.migrate.mapping.TableMapping;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.cutover.migrate.mapping.Mappings.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracle names (upper case) against a PostgreSQL target (lower case), with and without DMS's case rules. */
class SchemaComparisonTest {

    private static final String SELECT_HR = "{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"1\","
            + " \"rule-action\": \"include\", \"object-locator\": {\"schema-name\": \"HR\", \"table-name\": \"%\"}}";
    private static final String LOWER = """
            {"rule-type": "transformation", "rule-id": "2", "rule-name": "2", "rule-target": "schema",
             "object-locator": {"schema-name": "HR"}, "rule-action": "convert-lowercase"},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "3", "rule-target": "table",
             "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "convert-lowercase"},
            {"rule-type": "transformation", "rule-id": "4", "rule-name": "4", "rule-target": "column",
             "object-locator": {"schema-name": "HR", "table-name": "%", "column-name": "%"}, "rule-action": "convert-lowercase"}""";

    private static TableDefinition table(String schema, String name, List<String> key, String... columns) {
        return new TableDefinition(TableName.of(schema, name), Arrays.stream(columns)
                .map(c -> new ColumnDefinition(c, "NUMBER", ValueKind.INTEGER, false, false, null, true)).toList(), key, 10, 1000);
    }

    private static final List<TableDefinition> ORACLE = List.of(
            table("HR", "EMPLOYEES", List.of("ID"), "ID", "NAME", "DEPT_ID"),
            table("HR", "DEPTS", List.of("ID"), "ID", "TITLE"));
    private static final List<TableDefinition> POSTGRES = List.of(
            table("hr", "employees", List.of("id"), "id", "name", "dept_id", "created_at"),
            table("hr", "depts", List.of("id"), "id"));

    @Test
    void withDmssCaseRulesEveryTableIsFoundAndOnlyRealDifferencesAreListed() {
        TableMapping m = parse("{\"rules\": [" + SELECT_HR + ", " + LOWER + "]}");
        SchemaComparison.Report r = SchemaComparison.compare(ORACLE, POSTGRES, m, false);
        assertEquals(List.of(
                "BLOCKER HR.DEPTS -> hr.depts: columns missing on the target: title",
                "WARNING HR.EMPLOYEES -> hr.employees: columns only on the target (DMS leaves them to their defaults): created_at"),
                r.findings().stream().map(Finding::toString).toList());
        assertEquals(2, r.pairs().size());
        assertTrue(r.pairs().stream().allMatch(p -> p.target() != null));
    }

    @Test
    void withoutThemTheCaseOnlyDifferenceIsExplained() {
        SchemaComparison.Report r = SchemaComparison.compare(ORACLE, POSTGRES, parse("{\"rules\": [" + SELECT_HR + "]}"), false);
        assertEquals(2, r.findings().size());
        assertTrue(r.findings().get(0).problem().startsWith("is missing on the target; it has hr.depts, which differs only in case"),
                r.findings().get(0).problem());
        assertNull(r.pairs().get(0).target());
    }

    @Test
    void aMappingThatSelectsNothingIsABlocker() {
        String none = "{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"1\", \"rule-action\": \"include\","
                + " \"object-locator\": {\"schema-name\": \"FINANCE\", \"table-name\": \"%\"}}";
        SchemaComparison.Report r = SchemaComparison.compare(ORACLE, POSTGRES, parse("{\"rules\": [" + none + "]}"), false);
        assertTrue(r.blocked());
        assertEquals("select no table of the source", r.findings().get(0).problem());
    }

    @Test
    void identitySequencesPairThroughTheirColumnAndFreeOnesByName() {
        TableMapping m = parse("{\"rules\": [" + SELECT_HR + ", " + LOWER + "]}");
        List<SequenceState> oracle = List.of(
                new SequenceState("HR", "ISEQ$$_74512", 1021, 1, Long.MAX_VALUE, "EMPLOYEES", "ID", true),
                new SequenceState("HR", "INVOICE_SEQ", 77, 1, Long.MAX_VALUE, null, null, false),
                new SequenceState("HR", "TINY_SEQ", 9_990, 1, Long.MAX_VALUE, null, null, false),
                new SequenceState("HR", "GONE_SEQ", 5, 1, Long.MAX_VALUE, null, null, false));
        List<SequenceState> postgres = List.of(
                new SequenceState("hr", "employees_id_seq", 1, 1, Long.MAX_VALUE, "employees", "id", true),
                new SequenceState("hr", "invoice_seq", 1, 1, Long.MAX_VALUE, null, null, false),
                new SequenceState("hr", "tiny_seq", 1, 1, 15_000, null, null, false));
        List<SequencePlan.Entry> plan = SequencePlan.plan(oracle, postgres, m, 10_000);
        assertEquals("employees_id_seq", plan.get(0).target().name());
        assertEquals(11_021, plan.get(0).wantedNext());
        assertEquals("invoice_seq", plan.get(1).target().name(), "free-standing: by name, case folded like the schema");
        assertTrue(plan.get(1).settable());
        assertEquals("the target's hr.tiny_seq cannot reach 19990: its maximum is 15000", plan.get(2).problem());
        assertFalse(plan.get(3).settable());
        assertTrue(plan.get(3).problem().startsWith("no counterpart on the target for HR.GONE_SEQ"));

        List<SequenceState> after = List.of(
                new SequenceState("hr", "employees_id_seq", 11_021, 1, Long.MAX_VALUE, "employees", "id", true),
                new SequenceState("hr", "invoice_seq", 10_076, 1, Long.MAX_VALUE, null, null, false),
                new SequenceState("hr", "tiny_seq", 1, 1, 15_000, null, null, false));
        assertEquals(List.of("hr.invoice_seq hands out 10076 next, short of 10077 (source 77 + buffer)",
                "hr.tiny_seq hands out 1 next, short of 19990 (source 9990 + buffer)"), SequencePlan.verify(plan, after));
    }
}
