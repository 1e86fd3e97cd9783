package io.cutover.migrate.mapping;

import io.cutover.failure.InvalidInput;
import io.cutover.migrate.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableMappingParserTest {

    private static TableMapping parse(String json) {
        return Mappings.parse(json);
    }

    private static String selection(String id, String action, String schema, String table) {
        return "{\"rule-type\": \"selection\", \"rule-id\": \"" + id + "\", \"rule-name\": \"r" + id + "\", \"rule-action\": \""
                + action + "\", \"object-locator\": {\"schema-name\": \"" + schema + "\", \"table-name\": \"" + table + "\"}}";
    }

    private static String rules(String... rules) {
        return "{\"rules\": [" + String.join(", ", rules) + "]}";
    }

    @Test
    void wildcardsMatchAsDmsDocumentsThem() {
        assertTrue(NamePattern.parse("%").matches("anything"));
        assertTrue(NamePattern.parse("%").matches(""));
        assertTrue(NamePattern.parse("ORD_R").matches("ORDER"), "_ is one character");
        assertFalse(NamePattern.parse("ORD_R").matches("ORDR"));
        assertTrue(NamePattern.parse("TEST[_]T%").matches("TEST_T1"));
        assertFalse(NamePattern.parse("TEST[_]T%").matches("TESTXT1"), "[_] is a literal underscore");
        assertTrue(NamePattern.parse("v[ab]").matches("vb"));
        assertFalse(NamePattern.parse("v[ab]").matches("vc"));
        assertTrue(NamePattern.parse("p[a-d]x").matches("pcx"));
        assertFalse(NamePattern.parse("p[a-d]x").matches("pex"));
        assertFalse(NamePattern.parse("Orders").matches("ORDERS"), "case-sensitive");
        assertTrue(NamePattern.parse("a.b$c").matches("a.b$c"), "regex characters are literal");
        assertFalse(NamePattern.parse("a.b").matches("axb"));
    }

    @Test
    void anExcludeWinsWhateverTheOrderAndViewsAreNotTables() {
        TableMapping m = parse(rules(selection("1", "exclude", "sales", "tmp%"), selection("2", "include", "sales", "%"),
                selection("3", "explicit", "hr", "EMPLOYEES"),
                "{\"rule-type\": \"selection\", \"rule-id\": 4, \"rule-name\": \"v\", \"rule-action\": \"include\","
                        + " \"object-locator\": {\"schema-name\": \"ops\", \"table-name\": \"%\", \"table-type\": \"view\"}}"));
        List<TableName> all = List.of(TableName.of("sales", "orders"), TableName.of("sales", "tmp_load"),
                TableName.of("hr", "EMPLOYEES"), TableName.of("hr", "SALARIES"), TableName.of("ops", "jobs"));
        assertEquals(List.of(TableName.of("hr", "EMPLOYEES"), TableName.of("sales", "orders")), m.selected(all));
    }

    @Test
    void nameTransformationsGiveTheTargetNames() {
        TableMapping m = parse(rules(selection("1", "include", "HR", "%"),
                """
                {"rule-type": "transformation", "rule-id": "2", "rule-name": "s", "rule-target": "schema",
                 "object-locator": {"schema-name": "HR"}, "rule-action": "rename", "value": "people"}""",
                """
                {"rule-type": "transformation", "rule-id": "3", "rule-name": "t", "rule-target": "table",
                 "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "convert-lowercase"}""",
                """
                {"rule-type": "transformation", "rule-id": "4", "rule-name": "p", "rule-target": "table",
                 "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "replace-prefix",
                 "old-value": "tmp_", "value": "stage_"}""",
                """
                {"rule-type": "transformation", "rule-id": "5", "rule-name": "c", "rule-target": "column",
                 "object-locator": {"schema-name": "HR", "table-name": "%", "column-name": "%"}, "rule-action": "convert-lowercase"}""",
                """
                {"rule-type": "transformation", "rule-id": "6", "rule-name": "d", "rule-target": "column",
                 "object-locator": {"schema-name": "HR", "table-name": "EMPLOYEES", "column-name": "SSN"},
                 "rule-action": "remove-column"}""",
                """
                {"rule-type": "transformation", "rule-id": "7", "rule-name": "x", "rule-target": "table",
                 "object-locator": {"schema-name": "HR", "table-name": "%_OLD"}, "rule-action": "remove-suffix", "value": "_OLD"}"""));
        assertEquals(TableName.of("people", "employees"), m.targetTable(TableName.of("HR", "EMPLOYEES")));
        assertEquals(TableName.of("people", "stage_load"), m.targetTable(TableName.of("HR", "TMP_LOAD")),
                "rules apply in order: lower case first, then the prefix of the lower-cased name");
        assertEquals(TableName.of("people", "jobs_old"), m.targetTable(TableName.of("HR", "JOBS_OLD")),
                "remove-suffix matches the source name but acts on the name so far");
        assertEquals(Optional.of("first_name"), m.targetColumn(TableName.of("HR", "EMPLOYEES"), "FIRST_NAME"));
        assertEquals(Optional.empty(), m.targetColumn(TableName.of("HR", "EMPLOYEES"), "SSN"));
        assertEquals(Optional.of("ssn"), m.targetColumn(TableName.of("HR", "CONTRACTORS"), "SSN"));
        assertEquals(List.of(), m.notInterpreted());
    }

    @Test
    void rulesThatAreNotInterpretedAreListedAndFiltersAreSeen() {
        TableMapping m = parse(rules(
                "{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"f\", \"rule-action\": \"include\","
                        + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"},"
                        + " \"filters\": [{\"filter-type\": \"source\", \"column-name\": \"region\","
                        + " \"filter-conditions\": [{\"filter-operator\": \"eq\", \"value\": \"eu\"}]}]}",
                "{\"rule-type\": \"table-settings\", \"rule-id\": \"2\", \"rule-name\": \"p\","
                        + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"}, \"parallel-load\": {\"type\": \"ranges\"}}",
                "{\"rule-type\": \"transformation\", \"rule-id\": \"3\", \"rule-name\": \"a\", \"rule-target\": \"column\","
                        + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"}, \"rule-action\": \"add-column\","
                        + " \"value\": \"x\", \"expression\": \"1\", \"data-type\": {\"type\": \"int8\"}}"));
        assertEquals(List.of("rule 2: table-settings", "rule 3: transformation add-column on column"), m.notInterpreted());
        assertEquals(List.of(new TableMapping.OtherRule("2", "table-settings", false),
                new TableMapping.OtherRule("3", "transformation add-column on column", true)), m.otherRules());
        assertTrue(m.filter(TableName.of("s", "t")).isPresent());
        assertEquals("1", m.filter(TableName.of("s", "t")).get().ruleId());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> parse(rules(
                "\"not an object\"",
                "{\"rule-id\": \"2\", \"rule-action\": \"include\", \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"}}",
                "{\"rule-type\": \"selection\", \"rule-id\": \"3\", \"rule-action\": \"keep\","
                        + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"}}",
                "{\"rule-type\": \"selection\", \"rule-id\": \"3\", \"rule-action\": \"explicit\","
                        + " \"object-locator\": {\"schema-name\": \"s%\", \"table-name\": \"t[ab\"}}",
                "{\"rule-type\": \"selection\", \"rule-id\": \"five\", \"rule-action\": \"include\"}",
                "{\"rule-type\": \"transformation\", \"rule-id\": \"6\", \"rule-target\": \"table\", \"rule-action\": \"rename\","
                        + " \"object-locator\": {\"schema-name\": \"s\", \"table-name\": \"t\"}}")));
        assertEquals(List.of(
                "dms.tableMappings.rules[0]: must be an object",
                "dms.tableMappings.rules[1].rule-type: missing",
                "dms.tableMappings.rules[2].rule-action: 'keep' is not one of [include, exclude, explicit]",
                "dms.tableMappings.rules[3].rule-id: '3' is used by another rule",
                "dms.tableMappings.rules[3].object-locator.table-name: 't[ab': '[' at 1 is not closed",
                "dms.tableMappings.rules[3].object-locator.schema-name: an explicit rule names one schema exactly, without wildcards",
                "dms.tableMappings.rules[4].rule-id: must be a whole number",
                "dms.tableMappings.rules[4].object-locator: missing",
                "dms.tableMappings.rules[5].value: missing"), e.problems());
    }

    @Test
    void aMappingNeedsRulesAndASelection() {
        assertEquals(List.of("dms.tableMappings: must be a DMS table-mapping object with a rules array"),
                assertThrows(InvalidInput.class, () -> TableMappingParser.parse(List.of(), "dms.tableMappings")).problems());
        assertEquals(List.of("dms.tableMappings.rules: must be a non-empty array"),
                assertThrows(InvalidInput.class, () -> parse("{\"rules\": []}")).problems());
        assertEquals(List.of("dms.tableMappings.rules: no selection rule (DMS needs at least one to select tables)"),
                assertThrows(InvalidInput.class, () -> parse(rules(
                        "{\"rule-type\": \"table-settings\", \"rule-id\": \"1\"}"))).problems());
    }
}
