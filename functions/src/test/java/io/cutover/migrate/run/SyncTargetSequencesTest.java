package io.cutover.migrate.run;

import io.cutover.failure.StepFailed;
import io.cutover.migrate.TableName;
import io.cutover.testing.FakeMigrationCatalog;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.FakeSiteDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cutover.migrate.run.MigrationStates.SOURCE_HOST;
import static io.cutover.migrate.run.MigrationStates.TARGET_HOST;
import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncTargetSequencesTest {
    private final FakeSiteDatabases databases = new FakeSiteDatabases();
    private final FakeMigrationCatalog catalog = new FakeMigrationCatalog(databases);
    private final FakeRunStore runs = new FakeRunStore();
    private final SyncTargetSequences sequences = new SyncTargetSequences(catalog, databases, runs);

    @BeforeEach
    void tablesAndSequences() {
        MigrationStates.createRun(runs);
        catalog.tables.put(SOURCE_HOST, List.of(PrepareTargetTest.table(TableName.of("public", "orders"))));
        databases.site(SOURCE_HOST).sequences.put("orders_id_seq", 5000L);
        databases.site(SOURCE_HOST).sequences.put("invoice_no", 120L);
        databases.site(TARGET_HOST).sequences.put("orders_id_seq", 1L);
        databases.site(TARGET_HOST).sequences.put("invoice_no", 99_999L);
    }

    @Test
    void everyTargetSequenceEndsAheadOfTheSourceByTheBufferAndNoneMovesBack() {
        SyncTargetSequences.Sequences r = sequences.sync(migration().build());

        assertEquals(15_000L, databases.site(TARGET_HOST).sequences.get("orders_id_seq"), "5000 + buffer 10000");
        assertEquals(99_999L, databases.site(TARGET_HOST).sequences.get("invoice_no"), "already past 120 + 10000");
        assertEquals(1, r.advanced());
        assertEquals("1", runs.run("run-42").orElseThrow().resources().get(SyncTargetSequences.SEQUENCES));
    }

    @Test
    void aSequenceMissingOnTheTargetChangesNothingAndIsNamed() {
        databases.site(SOURCE_HOST).sequences.put("refund_no", 7L);

        StepFailed e = assertThrows(StepFailed.class, () -> sequences.sync(migration().build()));

        assertTrue(e.getMessage().startsWith("sequences not set (none was changed): no counterpart on the target for"
                + " public.refund_no"), e.getMessage());
        assertEquals(1L, databases.site(TARGET_HOST).sequences.get("orders_id_seq"));
    }
}
