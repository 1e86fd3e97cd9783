package io.cutover.jdbc;

import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.CanonicalRowHash;
import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.ChunkChecksum;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.KeyRange;
import io.cutover.migrate.validation.Pause;
import io.cutover.migrate.validation.RangeMismatch;
import io.cutover.migrate.validation.RowHash;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.migrate.validation.TableComparison;
import io.cutover.migrate.validation.TableResult;
import io.cutover.migrate.validation.Validation;
import io.cutover.migrate.validation.ValidationSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's own validation ({@link Validation} over {@link PostgresTableChecksums}) on real
 * PostgreSQL 17: a source and a target database loaded with the same rows, then drifted.
 */
class PostgresTableChecksumsTest {

    private static MigrationDatabases dbs;
    private static TableChecksums checksums;

    /** Small chunks so even these tables are cut in many ranges and bisected several levels deep. */
    private static final ValidationSettings SMALL = ValidationSettings.defaults().withConcurrency(3).withChunks(500, 50)
            .withRechecks(3, Duration.ZERO);

    @BeforeAll
    static void start() {
        dbs = MigrationDatabases.shared();
        checksums = new PostgresTableChecksums(new JdbcConnectionFactory(dbs.secrets, JdbcSettings.defaults()));
        dbs.both("""
                CREATE TABLE orders (id bigint PRIMARY KEY, account int NOT NULL, amount numeric(12,2), note text,
                  created timestamptz, shipped date, flag boolean, ratio float8, doc jsonb, raw bytea, ref uuid,
                  code varchar(20), period interval)""",
                """
                INSERT INTO orders SELECT g, g % 97, (g % 1000) / 100.0, 'order ' || g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute',
                  date '2024-01-01' + (g % 365), g % 3 = 0, g / 7.0, jsonb_build_object('n', g, 'price', 1.50),
                  decode(md5(g::text), 'hex'), md5(g::text)::uuid, 'c' || g, (g % 50) * interval '1 hour'
                  FROM generate_series(1, 10000) g""",
                "ANALYZE orders");
    }

    private static TableResult validate(TableComparison table, ValidationSettings settings, Pause pause) {
        try (Validation v = new Validation(checksums, dbs.source, checksums, dbs.target, settings, pause)) {
            return v.validate(table);
        }
    }

    private static TableResult validate(String table, ValidationSettings settings) {
        return validate(TableComparison.same(TableName.of("public", table)), settings, d -> {
        });
    }

    @Test
    void equalTablesAreEqualChunkByChunk() {
        TableResult r = validate("orders", SMALL);
        assertEquals(TableResult.Status.EQUAL, r.status(), r.describe());
        assertEquals(10_000, r.sourceRows());
        assertEquals(10_000, r.targetRows());
        assertTrue(r.chunks() > 10, "cut in chunks: " + r.chunks());
        assertEquals(List.of(), r.notCompared());
    }

    @Test
    void aRowChangedOnTheTargetBehindDmssBackIsFoundWithItsKey() {
        dbs.sql(dbs.target, "CREATE TABLE drift AS SELECT * FROM orders", "ALTER TABLE drift ADD PRIMARY KEY (id)");
        dbs.sql(dbs.source, "CREATE TABLE drift AS SELECT * FROM orders", "ALTER TABLE drift ADD PRIMARY KEY (id)",
                "ANALYZE drift");
        dbs.sql(dbs.target, "UPDATE drift SET amount = amount + 0.01 WHERE id = 9345",
                "UPDATE drift SET doc = '{\"n\": 777, \"price\": 1.5}' WHERE id = 777");
        TableResult r = validate("drift", SMALL.withMode(ValidationSettings.Mode.FINAL));
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        List<Key> different = r.mismatches().stream().flatMap(m -> m.different().stream()).toList();
        assertEquals(List.of(Key.of(777L), Key.of(9345L)), different.stream().sorted((a, b) -> Long.compare(
                (Long) a.values().get(0), (Long) b.values().get(0))).toList(), r.describe());
        for (RangeMismatch m : r.mismatches()) {
            assertEquals(m.sourceRows(), m.targetRows(), "same counts, different values");
            assertTrue(m.missing().isEmpty() && m.extra().isEmpty());
        }
    }

    @Test
    void missingAndExtraRowsAreListedByKey() {
        dbs.both("CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 5000) g");
        dbs.sql(dbs.target, "DELETE FROM items WHERE id IN (10, 4000)", "INSERT INTO items VALUES (6001, 'stray')");
        TableResult r = validate("items", SMALL.withMode(ValidationSettings.Mode.FINAL));
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(5000, r.sourceRows());
        assertEquals(4999, r.targetRows());
        assertEquals(List.of(Key.of(10L), Key.of(4000L)), keys(r, RangeMismatch::missing), r.describe());
        assertEquals(List.of(Key.of(6001L)), keys(r, RangeMismatch::extra), r.describe());
        assertEquals(List.of(), keys(r, RangeMismatch::different));
        RangeMismatch last = r.mismatches().get(r.mismatches().size() - 1);
        assertEquals(null, last.range().upper(), "the extra key lies past the source's last boundary: " + last.range());
    }

    @Test
    void compositeKeysAreRangedAndListedAsTuples() {
        dbs.both("CREATE TABLE stock (region text, sku int, qty int, PRIMARY KEY (region, sku))",
                "INSERT INTO stock SELECT r, g, g % 13 FROM unnest(array['eu-west', 'us-east', 'ap-south']) r,"
                        + " generate_series(1, 2000) g", "ANALYZE stock");
        dbs.sql(dbs.target, "UPDATE stock SET qty = -1 WHERE region = 'us-east' AND sku = 1500",
                "DELETE FROM stock WHERE region = 'ap-south' AND sku = 7");
        TableResult r = validate("stock", SMALL.withMode(ValidationSettings.Mode.FINAL));
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(List.of(Key.of("us-east", 1500L)), keys(r, RangeMismatch::different), r.describe());
        assertEquals(List.of(Key.of("ap-south", 7L)), keys(r, RangeMismatch::missing), r.describe());
        assertTrue(r.chunks() > 5, "composite boundaries cut the table: " + r.chunks());
    }

    @Test
    void aTableWithoutPrimaryKeyIsComparedWholeAndSaysItCannotListRows() {
        dbs.both("CREATE TABLE audit_log (at timestamptz, line text)",
                "INSERT INTO audit_log SELECT timestamptz '2024-01-01' + g * interval '1 s', 'line ' || g FROM generate_series(1, 3000) g");
        TableResult equal = validate("audit_log", SMALL);
        assertEquals(TableResult.Status.EQUAL, equal.status(), equal.describe());
        assertEquals(1, equal.chunks());
        assertTrue(equal.message().contains("no primary key"), equal.message());

        dbs.sql(dbs.target, "UPDATE audit_log SET line = 'tampered' WHERE line = 'line 42'");
        TableResult r = validate("audit_log", SMALL.withMode(ValidationSettings.Mode.FINAL));
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertTrue(r.mismatches().get(0).range().whole());
        assertTrue(r.mismatches().get(0).keysNote().contains("rows cannot be listed"), r.describe());
    }

    private static List<Key> keys(TableResult r, java.util.function.Function<RangeMismatch, List<Key>> which) {
        return r.mismatches().stream().flatMap(m -> which.apply(m).stream()).toList();
    }

    /**
     * The table validated as the state machine's loop does it with no time left: each call (a new
     * Validation, new sessions) does one wave of chunks and hands back a checkpoint, which goes
     * through JSON as the execution state would carry it.
     */
    private static List<io.cutover.migrate.validation.TablePass> overCalls(String table, ValidationSettings settings) {
        List<io.cutover.migrate.validation.TablePass> passes = new java.util.ArrayList<>();
        io.cutover.migrate.validation.TableCheckpoint at = null;
        io.cutover.migrate.validation.TablePass pass;
        do {
            try (Validation v = new Validation(checksums, dbs.source, checksums, dbs.target, settings, d -> {
            })) {
                pass = v.validate(TableComparison.same(TableName.of("public", table)), at,
                        io.cutover.runbook.CallBudget.of(Duration.ZERO));
            }
            passes.add(pass);
            if (!pass.done()) {
                try {
                    var json = io.cutover.json.Json.mapper();
                    String text = json.writeValueAsString(pass.checkpoint());
                    assertTrue(text.length() < 4_000, "a checkpoint is small: " + text);
                    at = json.readValue(text, io.cutover.migrate.validation.TableCheckpoint.class);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        } while (!pass.done() && passes.size() < 100);
        return passes;
    }

    @Test
    void aTableValidatedOverSeveralCallsGetsTheResultOfOneCall() {
        TableResult one = validate("orders", SMALL);
        List<io.cutover.migrate.validation.TablePass> passes = overCalls("orders", SMALL);
        TableResult r = passes.get(passes.size() - 1).result();

        assertEquals(2, passes.size(), "20 chunks of 500 rows, 12 a wave (3 workers): two calls");
        assertEquals(one.describe(), r.describe(), "EQUAL, 10000 / 10000 rows, as in one call");
        assertEquals(TableResult.Status.EQUAL, r.status());
        assertTrue(r.chunks() >= 15, "the second call cut the rest afresh: " + r.chunks());
    }

    @Test
    void driftInACompositeKeyedTableIsFoundWithItsKeysOverSeveralCallsAsInOneCall() {
        dbs.both("CREATE TABLE stock_calls (region text, sku int, qty int, PRIMARY KEY (region, sku))",
                "INSERT INTO stock_calls SELECT r, g, g % 13 FROM unnest(array['eu-west', 'us-east', 'ap-south']) r,"
                        + " generate_series(1, 4000) g", "ANALYZE stock_calls");
        dbs.sql(dbs.target, "UPDATE stock_calls SET qty = -1 WHERE region = 'us-east' AND sku = 3500",
                "DELETE FROM stock_calls WHERE region = 'ap-south' AND sku = 7", "INSERT INTO stock_calls VALUES ('zz', 1, 1)");
        ValidationSettings settings = SMALL.withConcurrency(1).withMode(ValidationSettings.Mode.FINAL);
        TableResult one = validate("stock_calls", settings);
        List<io.cutover.migrate.validation.TablePass> passes = overCalls("stock_calls", settings);
        TableResult r = passes.get(passes.size() - 1).result();

        assertTrue(passes.size() >= 4, "24 chunks, 4 a wave: " + passes.size() + " calls");
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(List.of(Key.of("us-east", 3500L)), keys(r, RangeMismatch::different), r.describe());
        assertEquals(List.of(Key.of("ap-south", 7L)), keys(r, RangeMismatch::missing), r.describe());
        assertEquals(List.of(Key.of("zz", 1L)), keys(r, RangeMismatch::extra), r.describe());
        assertEquals(one.sourceRows(), r.sourceRows());
        assertEquals(one.targetRows(), r.targetRows());
        assertEquals(keys(one, RangeMismatch::different), keys(r, RangeMismatch::different));
    }

    @Test
    void stringKeysUnderDifferentCollationsResumeByTheirBytesOverSeveralCalls() {
        wordsUnderTwoCollations("words_calls", 6000);
        List<io.cutover.migrate.validation.TablePass> passes = overCalls("words_calls",
                SMALL.withConcurrency(1).withMode(ValidationSettings.Mode.FINAL));
        TableResult r = passes.get(passes.size() - 1).result();
        assertTrue(passes.size() >= 3, passes.size() + " calls");
        assertEquals(TableResult.Status.EQUAL, r.status(), "every call's ranges agree on both sides: " + r.describe());
        assertEquals(6000, r.sourceRows());
        assertEquals(6000, r.targetRows());
    }

    @Test
    void aChunkThatDiffersWhileChangesAreInFlightIsRecheckedUntilItSettles() {
        dbs.both("CREATE TABLE live (id int PRIMARY KEY, v int)", "INSERT INTO live SELECT g, g FROM generate_series(1, 4000) g");
        dbs.sql(dbs.source, "UPDATE live SET v = -1 WHERE id = 1234"); // written on the source, not yet applied
        AtomicInteger pauses = new AtomicInteger();
        TableResult r = validate(TableComparison.same(TableName.of("public", "live")), SMALL, wait -> {
            if (pauses.incrementAndGet() == 1) dbs.sql(dbs.target, "UPDATE live SET v = -1 WHERE id = 1234"); // CDC catches up
        });
        assertEquals(TableResult.Status.EQUAL, r.status(), r.describe());
        assertEquals(1, r.rechecks());
        assertEquals(1, pauses.get());
    }

    @Test
    void aChunkThatNeverStopsChangingIsReportedUnsettledNotEqualNorMismatched() {
        dbs.both("CREATE TABLE busy (id int PRIMARY KEY, v int)", "INSERT INTO busy SELECT g, g FROM generate_series(1, 4000) g");
        AtomicInteger writes = new AtomicInteger();
        dbs.sql(dbs.source, "UPDATE busy SET v = 0 WHERE id = 99");
        TableResult r = validate(TableComparison.same(TableName.of("public", "busy")), SMALL,
                wait -> dbs.sql(dbs.source, "UPDATE busy SET v = " + writes.incrementAndGet() + " WHERE id = 99"));
        assertEquals(TableResult.Status.UNSETTLED, r.status(), r.describe());
        assertEquals(3, r.rechecks(), "maxRechecks rounds, then no verdict");
        assertEquals(1, r.unsettled().size());
        assertEquals(List.of(), r.mismatches());
    }

    @Test
    void aStableDifferenceUnderCdcIsConfirmedAndListedButTheFinalPassNeedsNoRetry() {
        dbs.both("CREATE TABLE kept (id int PRIMARY KEY, v int)", "INSERT INTO kept SELECT g, g FROM generate_series(1, 4000) g");
        dbs.sql(dbs.target, "UPDATE kept SET v = 0 WHERE id = 2500");
        AtomicInteger pauses = new AtomicInteger();
        TableResult cdc = validate(TableComparison.same(TableName.of("public", "kept")), SMALL, wait -> pauses.incrementAndGet());
        assertEquals(TableResult.Status.MISMATCH, cdc.status(), cdc.describe());
        assertEquals(1, cdc.rechecks(), "the same checksums on both sides across one wait: a real difference");
        assertEquals(List.of(Key.of(2500L)), keys(cdc, RangeMismatch::different));
        assertEquals(2, pauses.get(), "one re-check round, one confirmation of the listed keys");

        pauses.set(0);
        TableResult fin = validate(TableComparison.same(TableName.of("public", "kept")),
                SMALL.withMode(ValidationSettings.Mode.FINAL), wait -> pauses.incrementAndGet());
        assertEquals(TableResult.Status.MISMATCH, fin.status());
        assertEquals(0, fin.rechecks());
        assertEquals(0, pauses.get(), "the final pass runs inside the freeze: exact, no waiting");
        assertEquals(List.of(Key.of(2500L)), keys(fin, RangeMismatch::different));
    }

    @Test
    void valuesOfDifferentButCompatibleTypesAreNormalisedToCompareEqual() {
        dbs.sql(dbs.source, "CREATE TABLE conv (id int PRIMARY KEY, amount numeric(12,2), name varchar(20), at timestamp,"
                        + " day date, code char(5), big int)",
                "INSERT INTO conv SELECT g, g / 4.0, 'n' || g, timestamp '2024-03-30 12:00' + g * interval '7 minutes',"
                        + " date '2024-01-01' + g, 'c' || (g % 10), g FROM generate_series(1, 2000) g");
        dbs.sql(dbs.target, "CREATE TABLE conv (id bigint PRIMARY KEY, amount numeric(14,4), name text, at timestamptz,"
                        + " day timestamp, code varchar(5), big numeric)",
                "INSERT INTO conv SELECT g, g / 4.0, 'n' || g,"
                        + " (timestamp '2024-03-30 12:00' + g * interval '7 minutes') AT TIME ZONE 'Europe/Paris',"
                        + " date '2024-01-01' + g, 'c' || (g % 10), g FROM generate_series(1, 2000) g");
        TableComparison conv = TableComparison.same(TableName.of("public", "conv"));
        TableResult withRule = validate(conv, SMALL.withTimeZoneRule("Europe/Paris"), d -> {
        });
        assertEquals(TableResult.Status.EQUAL, withRule.status(), withRule.describe());

        TableResult noRule = validate(conv, SMALL, d -> {
        });
        assertEquals(TableResult.Status.EQUAL_IN_COMPARED_COLUMNS, noRule.status(), noRule.describe());
        assertEquals(1, noRule.notCompared().size());
        assertTrue(noRule.notCompared().get(0).startsWith("at (timestamp without time zone -> timestamp with time zone)"),
                noRule.notCompared().toString());

        dbs.sql(dbs.target, "UPDATE conv SET amount = amount + 0.0001 WHERE id = 321");
        TableResult drift = validate(conv, SMALL.withTimeZoneRule("Europe/Paris").withMode(ValidationSettings.Mode.FINAL), d -> {
        });
        assertEquals(List.of(Key.of(321L)), keys(drift, RangeMismatch::different), drift.describe());
    }

    /** String keys in C order on the source and ICU order on the target, mixed case so the two orders differ. */
    private static void wordsUnderTwoCollations(String table, int rows) {
        dbs.sql(dbs.source, "CREATE TABLE " + table + " (w text COLLATE \"C\" PRIMARY KEY, n int)");
        dbs.sql(dbs.target, "CREATE TABLE " + table + " (w text COLLATE \"und-x-icu\" PRIMARY KEY, n int)");
        dbs.both("INSERT INTO " + table + " SELECT (CASE WHEN g % 2 = 0 THEN upper(md5(g::text)) ELSE md5(g::text) END), g"
                + " FROM generate_series(1, " + rows + ") g", "ANALYZE " + table);
    }

    @Test
    void stringKeysUnderDifferentCollationsAreRangedByTheirBytesOnBothSides() {
        wordsUnderTwoCollations("words", 3000);
        TableResult r = validate("words", SMALL.withMode(ValidationSettings.Mode.FINAL));
        assertEquals(TableResult.Status.EQUAL, r.status(), "ranges agree on both sides: " + r.describe());
        assertTrue(r.chunks() > 3);
    }

    @Test
    void memoryStaysBoundedWhenEveryRowOfALargeTableDiffers() {
        dbs.both("CREATE TABLE wide (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO wide SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 40000) g", "ANALYZE wide");
        dbs.sql(dbs.target, "UPDATE wide SET payload = payload || '!'");
        StatementRecorder statements = new StatementRecorder(new JdbcConnectionFactory(dbs.secrets, JdbcSettings.defaults()));
        RecordingChecksums source = new RecordingChecksums(new PostgresTableChecksums(statements));
        RecordingChecksums target = new RecordingChecksums(new PostgresTableChecksums(statements));
        ValidationSettings settings = ValidationSettings.defaults().withConcurrency(2).withChunks(1_000, 50)
                .withMode(ValidationSettings.Mode.FINAL).withMaxKeysListed(20);
        TableResult r;
        try (Validation v = new Validation(source, dbs.source, target, dbs.target, settings, d -> {
        })) {
            r = v.validate(TableComparison.same(TableName.of("public", "wide")));
        }
        assertEquals(TableResult.Status.MISMATCH, r.status());
        assertEquals(40_000, r.sourceRows());
        assertTrue(r.chunks() >= 25, "chunks: " + r.chunks());
        assertEquals(20, r.mismatches().stream().mapToInt(RangeMismatch::keysListed).sum(), "the listing is capped");
        assertTrue(r.mismatches().stream().anyMatch(m -> m.keysNote() != null && m.keysNote().contains("more keys differ")));
        for (RecordingChecksums side : List.of(source, target)) {
            assertTrue(side.maxInFlight.get() <= 2, "at most `concurrency` queries at once per side: " + side.maxInFlight);
            assertTrue(side.sessions.get() <= 2, "one session per worker: " + side.sessions);
            assertTrue(side.listings.get() > 0);
            assertTrue(side.maxRowsListed.get() <= 51, "a listing holds at most leafRows + 1 rows: " + side.maxRowsListed);
            assertTrue(side.maxKeysReturned.get() <= settings.maxChunks(), "boundaries are bounded: " + side.maxKeysReturned);
        }
        List<StatementRecorder.Executed> listings = statements.executed.stream().filter(e -> e.sql().contains(" LIMIT ?")).toList();
        assertTrue(!listings.isEmpty());
        for (StatementRecorder.Executed e : listings) {
            assertTrue(e.fetchSize() > 0 && e.fetchSize() <= JdbcChecksumSession.FETCH_SIZE, "streamed with a fetch size: " + e);
            assertEquals(false, e.autoCommit(), "pgjdbc uses a cursor only outside autocommit");
        }
    }

    /**
     * The exactness a chunk's aggregate keeps: one changed value, NULL against '', two columns'
     * values swapped within a row, and a bigint that differs only in its high half each change the
     * chunk's checksum and are drilled down to their key. The last is why PostgreSQL 17 uses
     * {@code COLUMN_HASHES}: the record hash folds a bigint's 64 bits to 32 and cannot see it.
     */
    @Test
    void everyKindOfSingleValueChangeChangesItsChunkAndIsDrilledDownToItsKey() {
        dbs.both("CREATE TABLE exact (id bigint PRIMARY KEY, a text, b text, n bigint, at timestamptz, c int, d int)",
                "INSERT INTO exact SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'a' || g END, 'b' || g, g,"
                        + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', g, g + 1"
                        + " FROM generate_series(1, 3000) g", "ANALYZE exact");
        dbs.sql(dbs.target,
                "UPDATE exact SET at = at + interval '1 microsecond' WHERE id = 300", // one changed value
                "UPDATE exact SET a = '' WHERE id = 1000",                          // NULL on the source (1000 % 5 = 0), '' here
                "UPDATE exact SET a = NULL WHERE id = 1001",                        // a value become NULL
                "UPDATE exact SET c = d, d = c WHERE id = 2000",                    // two columns' values swapped
                "UPDATE exact SET b = 'b2001', a = 'b2001' WHERE id = 2001",        // a takes b's value, b keeps it
                "UPDATE exact SET n = 4294967296 WHERE id = 1");                    // 1 -> 2^32: only the high half differs
        List<Long> planted = List.of(1L, 300L, 1000L, 1001L, 2000L, 2001L);

        try (ChecksumSession s = checksums.open(dbs.source); ChecksumSession t = checksums.open(dbs.target)) {
            var def = s.definition(TableName.of("public", "exact")).orElseThrow();
            var plan = io.cutover.migrate.validation.ComparisonPlanner.plan(def, t.definition(def.name()).orElseThrow(),
                    s.traits(), t.traits(), java.util.Optional::of, null);
            assertEquals(io.cutover.migrate.validation.RowHashFunction.COLUMN_HASHES, plan.source().function());
            for (long k : planted) {
                KeyRange chunk = new KeyRange(Key.of(k - 50 < 1 ? 1L : k - 50), Key.of(k + 50)); // 100 rows around the key
                ChunkChecksum a = s.checksum(plan.source(), chunk);
                ChunkChecksum b = t.checksum(plan.target(), chunk);
                assertEquals(a.rows(), b.rows());
                assertTrue(!a.hashSum().equals(b.hashSum()), "key " + k + ": the chunk's checksum changes");
                KeyRange clean = new KeyRange(Key.of(k + 100), Key.of(k + 200));
                assertEquals(s.checksum(plan.source(), clean), t.checksum(plan.target(), clean), "an untouched chunk stays equal");
            }
            // The record hash (PostgreSQL 14-16) misses exactly the bigint that differs in its high half.
            RowHashPlan recordSource = new RowHashPlan(plan.source().table(), plan.source().key(), plan.source().columns(),
                    io.cutover.migrate.validation.RowHashFunction.RECORD_HASH, false);
            RowHashPlan recordTarget = new RowHashPlan(plan.target().table(), plan.target().key(), plan.target().columns(),
                    io.cutover.migrate.validation.RowHashFunction.RECORD_HASH, false);
            KeyRange first = new KeyRange(Key.of(1L), Key.of(2L));
            assertEquals(s.checksum(recordSource, first), t.checksum(recordTarget, first), "hash_record_extended folds int8");
        }

        TableResult r = validate("exact", SMALL.withMode(ValidationSettings.Mode.FINAL));
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(planted.stream().map(Key::of).toList(), keys(r, RangeMismatch::different).stream()
                .sorted(java.util.Comparator.comparing(k -> (Long) k.values().get(0))).toList(), r.describe());
        assertEquals(List.of(), keys(r, RangeMismatch::missing));
        assertEquals(List.of(), keys(r, RangeMismatch::extra));
    }

    @Test
    void aListingReturnsAtMostOneRowMoreThanAskedHoweverLargeTheRange() {
        dbs.both("CREATE TABLE IF NOT EXISTS many (id bigint PRIMARY KEY)");
        dbs.sql(dbs.source, "INSERT INTO many SELECT g FROM generate_series(1, 20000) g");
        try (ChecksumSession s = checksums.open(dbs.source)) {
            var def = s.definition(TableName.of("public", "many")).orElseThrow();
            RowHashPlan plan = new RowHashPlan(def.name(), def.keyColumns(),
                    def.columns().stream().map(io.cutover.migrate.validation.HashedColumn::nativeValue).toList(),
                    io.cutover.migrate.validation.RowHashFunction.RECORD_HASH, false);
            List<RowHash> rows = s.rowHashes(plan, KeyRange.all(), 100);
            assertEquals(101, rows.size());
            assertEquals(Key.of(1L), rows.get(0).key(), "in key order");
            ChunkChecksum all = s.checksum(plan, KeyRange.all());
            assertEquals(20_000, all.rows());
            List<Key> points = s.splitPoints(plan, new KeyRange(Key.of(1000L), Key.of(2000L)), 1000, 4);
            assertEquals(List.of(Key.of(1250L), Key.of(1500L), Key.of(1750L)), points, "exact quantiles of the range");
        }
    }

    /** The same rows as the Oracle stand-in's test, hashed by PostgreSQL's cross-engine SQL: the same numbers. */
    @Test
    void crossEngineRowHashesFollowTheCanonicalSpecificationTheOracleSideFollowsToo() {
        dbs.sql(dbs.source, "CREATE TABLE canon (id bigint PRIMARY KEY, amount numeric(12,2), name text, code char(6), token bytea,"
                        + " placed timestamp(0), updated timestamp(6), at_tz timestamptz)",
                "INSERT INTO canon VALUES (1, 1.50, 'é and ü', 'ab', '\\x00ff10ab', '2024-02-29 13:14:15',"
                        + " '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.5+02')",
                "INSERT INTO canon VALUES (2, -0.5, NULL, NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO canon VALUES (3, 10, '', 'x', NULL, NULL, NULL, NULL)");
        try (ChecksumSession s = checksums.open(dbs.source)) {
            var def = s.definition(TableName.of("public", "canon")).orElseThrow();
            List<io.cutover.migrate.validation.HashedColumn> columns = def.columns().stream()
                    .map(c -> io.cutover.migrate.validation.HashedColumn.canonical(c, c.kind(), null)).toList();
            RowHashPlan plan = new RowHashPlan(def.name(), def.keyColumns(), columns,
                    io.cutover.migrate.validation.RowHashFunction.MD5_TEXT, true);
            assertEquals(List.of(
                    new RowHash(Key.of(1L), CanonicalRowHash.of("1", "1.5", "é and ü", "ab", "00ff10ab", "2024-02-29 13:14:15.000000",
                            "2024-02-29 13:14:15.123456", "2024-02-29 11:14:15.500000")),
                    new RowHash(Key.of(2L), CanonicalRowHash.of("2", "-0.5", null, null, null, null, null, null)),
                    new RowHash(Key.of(3L), CanonicalRowHash.of("3", "10", null, "x", null, null, null, null))),
                    s.rowHashes(plan, KeyRange.all(), 10), "an empty string is NULL across engines, as Oracle stores it");
        }
    }
}
