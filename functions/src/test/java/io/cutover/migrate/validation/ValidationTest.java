package io.cutover.migrate.validation;

import io.cutover.instance.Engine;
import io.cutover.migrate.TableName;
import io.cutover.probe.DbConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestration of {@link Validation} over an in-memory port: concurrency, failures, sessions, listing caps. */
class ValidationTest {
    private static final DbConnection SOURCE = new DbConnection(Engine.POSTGRES, "source", 5432, "app", "arn:source");
    private static final DbConnection TARGET = new DbConnection(Engine.POSTGRES, "target", 5432, "app", "arn:target");
    private static final ValidationSettings SETTINGS = ValidationSettings.defaults().withConcurrency(3).withChunks(100, 20)
            .withRechecks(2, Duration.ZERO).withMode(ValidationSettings.Mode.FINAL);

    private final InMemoryChecksums source = new InMemoryChecksums();
    private final InMemoryChecksums target = new InMemoryChecksums();

    private static TableComparison table(String name) {
        return TableComparison.same(TableName.of("app", name));
    }

    @Test
    void chunksRunInParallelButNeverMoreThanTheConcurrencyPerSide() {
        source.table("orders", 3000);
        target.table("orders", 3000);
        source.callMillis = 3;
        target.callMillis = 3;
        try (Validation v = new Validation(source, SOURCE, target, TARGET, SETTINGS, d -> {
        })) {
            TableResult r = v.validate(table("orders"));
            assertEquals(TableResult.Status.EQUAL, r.status(), r.describe());
            assertEquals(30, r.chunks());
        }
        assertTrue(source.maxInFlight.get() <= 3 && target.maxInFlight.get() <= 3);
        assertTrue(source.maxInFlight.get() >= 2, "chunks overlap: " + source.maxInFlight);
        assertEquals(source.opened.get(), source.closed.get(), "every session is closed");
    }

    @Test
    void aFailingTableIsAnErrorResultAndTheNextTableIsStillValidatedOnAFreshSession() {
        source.table("broken", 500);
        target.table("broken", 500);
        source.table("fine", 500);
        target.table("fine", 500).put(250L, 0L);
        source.failOn = TableName.of("app", "broken");
        List<TableResult> results;
        try (Validation v = new Validation(source, SOURCE, target, TARGET, SETTINGS.withConcurrency(1), d -> {
        })) {
            results = v.validate(List.of(table("broken"), table("missing"), table("fine")));
        }
        assertEquals(TableResult.Status.ERROR, results.get(0).status());
        assertEquals("connection reset while reading app.broken", results.get(0).message());
        assertEquals("no table app.missing on the source", results.get(1).message());
        assertEquals(TableResult.Status.MISMATCH, results.get(2).status());
        assertEquals(List.of(Key.of(250L)), results.get(2).mismatches().get(0).different());
        assertEquals(2, source.opened.get(), "the one worker's failed session was discarded and a new one opened");
        assertEquals(source.opened.get(), source.closed.get());
    }

    @Test
    void theListingStopsAtTheCapAndSaysSo() {
        source.table("all_differ", 2000);
        target.table("all_differ", 2000).replaceAll((k, h) -> h + 1);
        TableResult r;
        try (Validation v = new Validation(source, SOURCE, target, TARGET, SETTINGS.withMaxKeysListed(7), d -> {
        })) {
            r = v.validate(table("all_differ"));
        }
        assertEquals(TableResult.Status.MISMATCH, r.status());
        assertEquals(20, r.mismatches().size(), "every chunk differs and is named");
        assertEquals(7, r.mismatches().stream().mapToInt(RangeMismatch::keysListed).sum());
        assertTrue(r.mismatches().get(19).keysNote().startsWith("more keys differ than listed (at most 7 per table)"));
        assertTrue(r.describe().contains("range [1901 .. end): 100 rows on the source, 100 on the target"), r.describe());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SETTINGS.withConcurrency(0));
        assertEquals("validation settings: concurrency must be 1..64, not 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withChunks(100, 0));
    }
}
