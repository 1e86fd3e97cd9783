package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.PostgresCdcSettings;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.migrate.mapping.TableMapping;
import io.cutover.migrate.mapping.Mappings;
import io.cutover.migrate.preflight.CdcPrerequisites;
import io.cutover.migrate.preflight.Finding;
import io.cutover.migrate.preflight.LobCheck;
import io.cutover.migrate.preflight.ParameterHome;
import io.cutover.migrate.preflight.SchemaComparison;
import io.cutover.migrate.preflight.SequencePlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PostgresMigrationCatalog} and the preflight checks over it, on real PostgreSQL 17. */
class PostgresMigrationCatalogTest {

    private static MigrationDatabases dbs;
    private static PostgresMigrationCatalog catalog;

    @BeforeAll
    static void start() {
        dbs = MigrationDatabases.shared();
        catalog = new PostgresMigrationCatalog(new JdbcConnectionFactory(dbs.secrets, JdbcSettings.defaults()));
        dbs.both("CREATE SCHEMA sales",
                "CREATE TABLE sales.customer (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, photo bytea,"
                        + " prefs jsonb, code varchar(10), memo varchar)",
                "CREATE TABLE sales.invoice (id serial PRIMARY KEY, customer_id bigint, total numeric(12,2))",
                "CREATE SEQUENCE sales.ticket_seq",
                "CREATE TABLE sales.tmp_import (line text)",
                "CREATE TABLE sales.audit_trail (at timestamptz, what text)");
        dbs.sql(dbs.source, "CREATE TABLE sales.line (invoice_id int, line_no int, qty int, PRIMARY KEY (invoice_id, line_no))",
                "CREATE TABLE sales.refund (id int PRIMARY KEY, amount numeric)",
                "CREATE TABLE sales.payment (id int, paid_at timestamptz, PRIMARY KEY (id))");
        // The target's schema differs: line keyed differently, refund missing, payment with another key, Payment's case.
        dbs.sql(dbs.target, "CREATE TABLE sales.line (invoice_id int, line_no int, qty int, PRIMARY KEY (line_no))",
                "CREATE TABLE sales.payment (id int, paid_at timestamptz, PRIMARY KEY (id, paid_at))");
    }

    private static TableMapping mapping(String json) {
        return Mappings.parse(json);
    }

    private static TableDefinition table(List<TableDefinition> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(TableName.of("sales", name))).findFirst().orElseThrow();
    }

    @Test
    void tablesComeWithTheirKeysKindsAndLobColumns() {
        List<TableDefinition> tables = catalog.tables(dbs.source);
        assertTrue(tables.stream().noneMatch(t -> t.name().schema().startsWith("pg_") || t.name().schema().equals("information_schema")));
        TableDefinition customer = table(tables, "customer");
        assertEquals(List.of("id"), customer.primaryKey());
        assertEquals(List.of("name", "photo", "prefs", "memo"), customer.lobColumns().stream().map(ColumnDefinition::name).toList(),
                "text, bytea, jsonb and varchar without a length are LOBs to DMS; varchar(10) is not");
        assertEquals(ValueKind.INTEGER, customer.column("id").orElseThrow().kind());
        assertEquals("character varying(10)", customer.column("code").orElseThrow().dataType());
        assertEquals(List.of("invoice_id", "line_no"), table(tables, "line").primaryKey(), "key columns in key order");
        assertFalse(table(tables, "audit_trail").hasPrimaryKey());
    }

    @Test
    void preflightListsEveryDifferenceOfTheSelectedTables() {
        TableMapping m = mapping("""
                {"rules": [
                  {"rule-type": "selection", "rule-id": "1", "rule-name": "all-sales", "rule-action": "include",
                   "object-locator": {"schema-name": "sales", "table-name": "%"}},
                  {"rule-type": "selection", "rule-id": "2", "rule-name": "no-tmp", "rule-action": "exclude",
                   "object-locator": {"schema-name": "sales", "table-name": "tmp[_]%"}}]}
                """);
        SchemaComparison.Report refused = SchemaComparison.compare(catalog.tables(dbs.source), catalog.tables(dbs.target), m, false);
        assertTrue(refused.blocked());
        List<String> blockers = refused.findings().stream().filter(Finding::blocks).map(Finding::toString).toList();
        assertEquals(List.of("audit_trail", "customer", "invoice", "line", "payment", "refund"),
                refused.pairs().stream().map(p -> p.source().name().table()).toList(), "tmp_import excluded by rule 2");
        assertTrue(has(blockers, "sales.audit_trail: has no primary key"), blockers.toString());
        assertTrue(has(blockers, "sales.line: primary key differs: the source's maps to (invoice_id, line_no), the target has (line_no)"),
                blockers.toString());
        assertTrue(has(blockers, "sales.payment: primary key differs: the source's maps to (id), the target has (id, paid_at)"),
                blockers.toString());
        assertTrue(has(blockers, "sales.refund: is missing on the target"), blockers.toString());
        assertEquals(4, blockers.size(), blockers.toString());

        SchemaComparison.Report allowed = SchemaComparison.compare(catalog.tables(dbs.source), catalog.tables(dbs.target), m, true);
        assertTrue(allowed.findings().stream().anyMatch(f -> !f.blocks() && f.subject().equals("sales.audit_trail")),
                "allowed tables without a key are a warning");
    }

    @Test
    void aLobOverLobMaxSizeIsNamedWithTableColumnAndSize() {
        dbs.sql(dbs.source, "CREATE TABLE sales.document (id int PRIMARY KEY, body text, scan bytea, note text)",
                "INSERT INTO sales.document SELECT g, repeat('a', 1000), '\\\\x00'::bytea, 'short' FROM generate_series(1, 50) g",
                "INSERT INTO sales.document VALUES (51, repeat('x', 200 * 1024), decode(repeat('ff', 100 * 1024), 'hex'), 'ok')",
                // 40000 characters of two UTF-8 bytes each: 80000 bytes.
                "INSERT INTO sales.document VALUES (52, repeat('é', 40000), NULL, repeat('é', 20000))");
        TableDefinition doc = table(catalog.tables(dbs.source), "document");
        List<Finding> findings = new LobCheck(catalog).check(dbs.source, List.of(doc), 64);
        assertEquals(List.of("sales.document.body", "sales.document.scan"), findings.stream().map(Finding::subject).toList(),
                findings.toString());
        Finding body = findings.get(0);
        assertTrue(body.blocks());
        assertTrue(body.problem().startsWith("text values up to 204800 bytes (200 KB), 204800 characters exceed LobMaxSize 64 KB"
                + " (2 rows over it)"), body.problem());
        assertTrue(findings.get(1).problem().contains("102400 bytes (100 KB)"), findings.get(1).problem());
        assertTrue(body.fix().get(0).contains("LobMaxSize to at least 400"), "two bytes a character: " + body.fix());
        assertEquals(List.of(), new LobCheck(catalog).check(dbs.source, List.of(doc), 0), "full LOB mode truncates nothing");
        assertEquals(List.of(), new LobCheck(catalog).check(dbs.source, List.of(doc), 512));
    }

    @Test
    void sequencesAndIdentityColumnsAreListedSetOnTheTargetAndVerified() {
        dbs.sql(dbs.source, "INSERT INTO sales.customer (name) SELECT 'c' || g FROM generate_series(1, 41) g",
                "INSERT INTO sales.invoice (customer_id) SELECT g FROM generate_series(1, 7) g",
                "SELECT setval('sales.ticket_seq', 500)");
        List<SequenceState> source = catalog.sequences(dbs.source, Set.of("sales"));
        assertEquals(List.of("customer_id_seq", "invoice_id_seq", "ticket_seq"), source.stream().map(SequenceState::name).toList());
        SequenceState identity = source.get(0);
        assertTrue(identity.identity());
        assertEquals("customer", identity.ownerTable());
        assertEquals("id", identity.ownerColumn());
        assertEquals(42, identity.next());
        assertFalse(source.get(1).identity(), "a serial's sequence is owned, not identity");
        assertEquals("invoice", source.get(1).ownerTable());
        assertEquals(8, source.get(1).next());
        assertEquals(501, source.get(2).next());
        assertFalse(source.get(2).owned());

        TableMapping m = mapping("""
                {"rules": [{"rule-type": "selection", "rule-id": 1, "rule-name": "1", "rule-action": "include",
                            "object-locator": {"schema-name": "sales", "table-name": "%"}}]}""");
        List<SequencePlan.Entry> plan = SequencePlan.plan(source, catalog.sequences(dbs.target, Set.of("sales")), m, 10_000);
        assertTrue(plan.stream().allMatch(SequencePlan.Entry::settable), plan.toString());
        assertEquals(List.of(10_042L, 10_008L, 10_501L), plan.stream().map(SequencePlan.Entry::wantedNext).toList());
        assertEquals(3, SequencePlan.verify(plan, catalog.sequences(dbs.target, Set.of("sales"))).size(), "not set yet");

        for (SequencePlan.Entry e : plan) {
            dbs.sql(dbs.target, "SELECT setval('sales." + e.target().name() + "', " + e.wantedNext() + ", false)");
        }
        assertEquals(List.of(), SequencePlan.verify(plan, catalog.sequences(dbs.target, Set.of("sales"))));
    }

    @Test
    void cdcSettingsAreReadFromTheServerAndALimitedSlotWalKeepSizeIsAWarningWithItsFix() {
        PostgresCdcSettings before = (PostgresCdcSettings) catalog.cdcSettings(dbs.source);
        assertEquals("logical", before.walLevel());
        assertEquals(10, before.maxReplicationSlots());
        assertEquals(-1, before.maxSlotWalKeepSizeMb());
        assertFalse(before.onRds(), "no rds.logical_replication setting outside RDS");
        assertEquals(List.of(), CdcPrerequisites.check(before, new ParameterHome.SelfManaged(), CdcPrerequisites.Needs.oneTask()));

        dbs.sql(dbs.source, "SELECT pg_create_logical_replication_slot('migration_catalog_test', 'pgoutput')",
                "ALTER SYSTEM SET max_slot_wal_keep_size = '2GB'", "SELECT pg_reload_conf()");
        try {
            PostgresCdcSettings after = (PostgresCdcSettings) catalog.cdcSettings(dbs.source);
            assertEquals(before.replicationSlotsUsed() + 1, after.replicationSlotsUsed());
            assertEquals(2048, after.maxSlotWalKeepSizeMb());
            List<Finding> findings = CdcPrerequisites.check(after, new ParameterHome.SelfManaged(),
                    new CdcPrerequisites.Needs(10, 1, -1));
            assertEquals(List.of("max_replication_slots", "max_slot_wal_keep_size"), findings.stream().map(Finding::subject).toList());
            assertTrue(findings.get(0).blocks());
            assertEquals("ALTER SYSTEM SET max_replication_slots = '" + (after.replicationSlotsUsed() + 10) + "';",
                    findings.get(0).fix().get(0));
            assertFalse(findings.get(1).blocks());
            assertEquals(List.of("ALTER SYSTEM SET max_slot_wal_keep_size = '-1';", "SELECT pg_reload_conf();"), findings.get(1).fix());
        } finally {
            dbs.sql(dbs.source, "SELECT pg_drop_replication_slot('migration_catalog_test')",
                    "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
        }
    }

    private static boolean has(List<String> lines, String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith("BLOCKER " + prefix));
    }
}
