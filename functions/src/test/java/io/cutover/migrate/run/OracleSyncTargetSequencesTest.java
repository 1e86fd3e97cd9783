package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.instance.Engine;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.catalog.MigrationCatalogs;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.probe.DbConnection;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.FakeSiteDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.OracleSourceCatalog.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sequences from an Oracle source (DBA_SEQUENCES.LAST_NUMBER, identity columns' ISEQ$$ sequences
 * through DBA_TAB_IDENTITY_COLS - that SQL runs on the stand-in in OracleMigrationStandInTest) onto
 * a PostgreSQL target converted by SCT: the same {@link SyncTargetSequences} as for PostgreSQL, the
 * catalog chosen per engine. An identity sequence pairs through its column (the engines name such
 * sequences differently), a free-standing one by name after case folding.
 */
class OracleSyncTargetSequencesTest {
    private final FakeSiteDatabases databases = new FakeSiteDatabases();
    private final FakeRunStore runs = new FakeRunStore();
    private final OracleSourceCatalog oracle = new OracleSourceCatalog();
    private final SyncTargetSequences sync = new SyncTargetSequences(
            new MigrationCatalogs(Map.of(Engine.ORACLE, oracle, Engine.POSTGRES, new ConvertedTarget())), databases, runs);

    /** The target's sequences as PostgreSQL names them, values kept by the fake site database (which advances them). */
    private final class ConvertedTarget implements MigrationCatalog {
        @Override
        public List<TableDefinition> tables(DbConnection db) {
            return List.of();
        }

        @Override
        public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
            return List.of();
        }

        @Override
        public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
            assertEquals(List.of("hr"), List.copyOf(schemas), "the target's schema as the mappings name it");
            Map<String, Long> values = databases.site(db.host()).sequences;
            return values.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> switch (e.getKey()) {
                case "employees_id_seq" -> new SequenceState("hr", e.getKey(), e.getValue(), 1, Long.MAX_VALUE, "employees", "id", true);
                case "small_seq" -> new SequenceState("hr", e.getKey(), e.getValue(), 1, 32767, null, null, false);
                default -> new SequenceState("hr", e.getKey(), e.getValue(), 1, Long.MAX_VALUE, null, null, false);
            }).toList();
        }

        @Override
        public CdcSettings cdcSettings(DbConnection source) {
            throw new UnsupportedOperationException("a target's CDC settings are not read");
        }
    }

    @BeforeEach
    void oracleAndConvertedTarget() {
        MigrationStates.createRun(runs);
        oracle.tables = List.of(table("HR", "EMPLOYEES", List.of("ID"), "ID", "NAME"));
        oracle.sequences = List.of(
                new SequenceState("HR", "INVOICE_SEQ", 120, 1, Long.MAX_VALUE, null, null, false),
                new SequenceState("HR", "ISEQ$$_74512", 5001, 1, Long.MAX_VALUE, "EMPLOYEES", "ID", true));
        databases.site(TARGET_HOST).sequences.put("employees_id_seq", 1L);
        databases.site(TARGET_HOST).sequences.put("invoice_seq", 99_999L);
    }

    @Test
    void identityAndFreeStandingSequencesEndAheadOfTheOracleValuesByTheBuffer() {
        SyncTargetSequences.Sequences r = sync.sync(OracleSourceCatalog.migration().build());

        assertEquals(List.of("HR"), List.copyOf(oracle.sequenceSchemasAsked), "the source's schema as Oracle names it");
        assertEquals(15_001L, databases.site(TARGET_HOST).sequences.get("employees_id_seq"),
                "ISEQ$$_74512 feeds HR.EMPLOYEES.ID: LAST_NUMBER 5001 + buffer 10000 onto hr.employees.id's sequence");
        assertEquals(99_999L, databases.site(TARGET_HOST).sequences.get("invoice_seq"), "already past 120 + 10000: never moved back");
        assertEquals(List.of("HR.INVOICE_SEQ -> hr.invoice_seq", "HR.ISEQ$$_74512 -> hr.employees_id_seq"),
                r.changes().stream().map(c -> c.source() + " -> " + c.target()).toList());
        assertEquals(1, r.advanced());
    }

    @Test
    void aTargetSequenceThatCannotHoldTheOracleValueChangesNothing() {
        oracle.sequences = List.of(new SequenceState("HR", "ISEQ$$_74512", 5001, 1, Long.MAX_VALUE, "EMPLOYEES", "ID", true),
                new SequenceState("HR", "SMALL_SEQ", 30_000, 1, Long.MAX_VALUE, null, null, false));
        databases.site(TARGET_HOST).sequences.put("small_seq", 1L);

        StepFailed e = assertThrows(StepFailed.class, () -> sync.sync(OracleSourceCatalog.migration().build()));

        assertTrue(e.getMessage().startsWith("sequences not set (none was changed): the target's hr.small_seq cannot reach 40000:"
                + " its maximum is 32767"), e.getMessage());
        assertEquals(1L, databases.site(TARGET_HOST).sequences.get("employees_id_seq"));
    }
}
