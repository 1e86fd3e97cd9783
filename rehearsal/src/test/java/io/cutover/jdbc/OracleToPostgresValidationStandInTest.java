package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.migrate.TableName;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.TableChecksums;
import io.cutover.migrate.validation.TableComparison;
import io.cutover.migrate.validation.TableResult;
import io.cutover.migrate.validation.Validation;
import io.cutover.migrate.validation.ValidationSettings;
import io.cutover.probe.DbConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's own validation across engines: an Oracle source - <b>the Oracle stand-in</b> (H2 in
 * Oracle mode running {@link OracleTableChecksums}' SQL, {@link OracleMigrationStandIn}), not Oracle -
 * against a target on <b>real PostgreSQL 17</b>, named as SCT converts them (upper case folded to lower
 * case). Counts and key sets always; value checksums on the canonical texts both sides print the
 * same way; a column with no exact common form (binary floating point) is reported as not compared,
 * and the table as equal only in its compared columns.
 */
class OracleToPostgresValidationStandInTest {

    private static MigrationDatabases pg;
    private static final OracleMigrationStandIn STAND_IN = new OracleMigrationStandIn();
    private static final DbConnection ORACLE = new DbConnection(Engine.ORACLE, "oraxsrc", 1521, "ERP", "arn:oraxsrc");
    private static TableChecksums oracleSide;
    private static TableChecksums postgresSide;
    private static final ValidationSettings SETTINGS = ValidationSettings.defaults().withConcurrency(2).withChunks(200, 20)
            .withMode(ValidationSettings.Mode.FINAL);

    @BeforeAll
    static void load() throws SQLException {
        pg = MigrationDatabases.shared();
        oracleSide = new OracleTableChecksums(STAND_IN);
        postgresSide = new PostgresTableChecksums(new JdbcConnectionFactory(pg.secrets, JdbcSettings.defaults()));
        oracle("CREATE SCHEMA ERP",
                "CREATE TABLE ERP.ORDERS (ID NUMBER(10) PRIMARY KEY, AMOUNT NUMBER(12,2), NAME VARCHAR2(40), CODE CHAR(4),"
                        + " PLACED DATE, UPDATED TIMESTAMP(6), AT_TZ TIMESTAMP WITH TIME ZONE)",
                "INSERT INTO ERP.ORDERS SELECT X, MOD(X, 1000) / 100.0, 'order é ' || X, 'C' || MOD(X, 10),"
                        + " TIMESTAMP '2024-01-01 00:00:00' + X * INTERVAL '1' MINUTE,"
                        + " TIMESTAMP '2024-02-29 13:14:15.123456' + X * INTERVAL '1' SECOND,"
                        + " CAST(TIMESTAMP '2024-03-01 10:00:00+02:00' AS TIMESTAMP WITH TIME ZONE) + X * INTERVAL '1' HOUR"
                        + " FROM SYSTEM_RANGE(1, 1500)",
                "CREATE TABLE ERP.PRICES (ID NUMBER(10) PRIMARY KEY, LABEL VARCHAR2(20), RATIO BINARY_DOUBLE)",
                "INSERT INTO ERP.PRICES SELECT X, 'p' || X, X / 7.0 FROM SYSTEM_RANGE(1, 300)",
                "CREATE TABLE ERP.VISITS (ID NUMBER(10) PRIMARY KEY, SEEN DATE)",
                "INSERT INTO ERP.VISITS SELECT X, TIMESTAMP '2024-06-01 12:00:00' + X * INTERVAL '1' DAY FROM SYSTEM_RANGE(1, 100)");
        // What SCT makes of them and DMS copies: NUMBER(10) -> bigint, NUMBER(12,2) -> numeric, DATE -> timestamp(0).
        pg.sql(pg.target, "CREATE SCHEMA erp",
                "CREATE TABLE erp.orders (id bigint PRIMARY KEY, amount numeric(12,2), name varchar(40), code char(4),"
                        + " placed timestamp(0), updated timestamp(6), at_tz timestamptz)",
                "INSERT INTO erp.orders SELECT g, (g % 1000) / 100.0, 'order é ' || g, 'C' || (g % 10),"
                        + " timestamp '2024-01-01 00:00:00' + g * interval '1 minute',"
                        + " timestamp '2024-02-29 13:14:15.123456' + g * interval '1 second',"
                        + " timestamptz '2024-03-01 10:00:00+02' + g * interval '1 hour' FROM generate_series(1, 1500) g",
                "CREATE TABLE erp.prices (id bigint PRIMARY KEY, label varchar(20), ratio float8)",
                "INSERT INTO erp.prices SELECT g, 'p' || g, g / 7.0 FROM generate_series(1, 300) g",
                "CREATE TABLE erp.visits (id bigint PRIMARY KEY, seen timestamptz)",
                "INSERT INTO erp.visits SELECT g, timestamp '2024-06-01 12:00:00' AT TIME ZONE 'Europe/Paris' + g * interval '1 day'"
                        + " FROM generate_series(1, 100) g");
    }

    private static void oracle(String... statements) throws SQLException {
        try (Connection c = STAND_IN.open(ORACLE); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    /** SCT's case folding: ERP.ORDERS.ID -> erp.orders.id. */
    private static TableComparison folded(String table) {
        TableName source = TableName.of("ERP", table);
        return new TableComparison(source, TableName.of("erp", table.toLowerCase(Locale.ROOT)),
                c -> Optional.of(c.toLowerCase(Locale.ROOT)));
    }

    private static TableResult validate(String table, ValidationSettings settings) {
        try (Validation v = new Validation(oracleSide, ORACLE, postgresSide, pg.target, settings, d -> {
        })) {
            return v.validate(folded(table));
        }
    }

    @Test
    void numbersStringsDatesAndZonedTimestampsAreEqualAcrossEngines() {
        TableResult r = validate("ORDERS", SETTINGS);
        assertEquals(TableResult.Status.EQUAL, r.status(), r.describe());
        assertEquals(1500, r.sourceRows());
        assertEquals(1500, r.targetRows());
        assertEquals(List.of(), r.notCompared());
    }

    @Test
    void aValueChangedOrARowLostOnTheTargetIsFoundWithItsKey() {
        pg.sql(pg.target, "CREATE TABLE erp.orders_drift AS SELECT * FROM erp.orders", "ALTER TABLE erp.orders_drift ADD PRIMARY KEY (id)",
                "UPDATE erp.orders_drift SET amount = amount + 0.01 WHERE id = 777",
                "UPDATE erp.orders_drift SET placed = placed + interval '1 second' WHERE id = 1201",
                "DELETE FROM erp.orders_drift WHERE id = 42");
        TableResult r;
        try (Validation v = new Validation(oracleSide, ORACLE, postgresSide, pg.target, SETTINGS, d -> {
        })) {
            r = v.validate(new TableComparison(TableName.of("ERP", "ORDERS"), TableName.of("erp", "orders_drift"),
                    c -> Optional.of(c.toLowerCase(Locale.ROOT))));
        }
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(List.of(Key.of(777L), Key.of(1201L)), r.mismatches().stream().flatMap(m -> m.different().stream()).toList(),
                r.describe());
        assertEquals(List.of(Key.of(42L)), r.mismatches().stream().flatMap(m -> m.missing().stream()).toList(), r.describe());
    }

    /**
     * Across engines over several calls. The stand-in's ALL_TABLES has no NUM_ROWS, so the PostgreSQL
     * side (analyzed) is the one sampled and cut from the key reached: the Oracle side's ranged cut
     * ({@code OracleChecksumSql.sampledBoundaries} with a range) is not run here.
     */
    @Test
    void aDriftAcrossEnginesIsFoundOverSeveralCallsAsInOneCall() {
        pg.sql(pg.target, "CREATE TABLE erp.orders_calls AS SELECT * FROM erp.orders", "ALTER TABLE erp.orders_calls ADD PRIMARY KEY (id)",
                "UPDATE erp.orders_calls SET amount = amount + 0.01 WHERE id = 1444", "DELETE FROM erp.orders_calls WHERE id = 42",
                "ANALYZE erp.orders_calls");
        TableComparison table = new TableComparison(TableName.of("ERP", "ORDERS"), TableName.of("erp", "orders_calls"),
                c -> Optional.of(c.toLowerCase(Locale.ROOT)));
        ValidationSettings oneWorker = SETTINGS.withConcurrency(1);
        TableResult one;
        try (Validation v = new Validation(oracleSide, ORACLE, postgresSide, pg.target, oneWorker, d -> {
        })) {
            one = v.validate(table);
        }
        int calls = 0;
        io.cutover.migrate.validation.TablePass pass = null;
        do {
            try (Validation v = new Validation(oracleSide, ORACLE, postgresSide, pg.target, oneWorker, d -> {
            })) {
                pass = v.validate(table, pass == null ? null : pass.checkpoint(), io.cutover.runbook.CallBudget.of(java.time.Duration.ZERO));
            }
        } while (!pass.done() && ++calls < 50);
        TableResult r = pass.result();

        assertTrue(calls >= 1, "more than one call: " + (calls + 1));
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(List.of(Key.of(1444L)), r.mismatches().stream().flatMap(m -> m.different().stream()).toList(), r.describe());
        assertEquals(List.of(Key.of(42L)), r.mismatches().stream().flatMap(m -> m.missing().stream()).toList(), r.describe());
        assertEquals(one.sourceRows(), r.sourceRows());
        assertEquals(one.targetRows(), r.targetRows());
    }

    @Test
    void binaryFloatingPointIsNotClaimedEqualButSaidToBeNotCompared() {
        TableResult r = validate("PRICES", SETTINGS);
        assertEquals(TableResult.Status.EQUAL_IN_COMPARED_COLUMNS, r.status(), r.describe());
        assertEquals(300, r.targetRows());
        assertEquals(1, r.notCompared().size(), r.describe());
        assertTrue(r.notCompared().get(0).startsWith("RATIO (BINARY_DOUBLE -> double precision): binary floating point prints"
                + " differently on the two engines"), r.notCompared().get(0));
    }

    @Test
    void aDateAgainstATimestamptzIsComparedOnlyUnderADeclaredTimeZoneRule() {
        TableResult without = validate("VISITS", SETTINGS);
        assertEquals(TableResult.Status.EQUAL_IN_COMPARED_COLUMNS, without.status(), without.describe());
        assertTrue(without.notCompared().get(0).contains("needs a declared time zone rule"), without.describe());

        TableResult paris = validate("VISITS", SETTINGS.withTimeZoneRule("Europe/Paris"));
        assertEquals(TableResult.Status.EQUAL, paris.status(), paris.describe());

        TableResult utc = validate("VISITS", SETTINGS.withTimeZoneRule("UTC"));
        assertEquals(TableResult.Status.MISMATCH, utc.status(), "read in the wrong zone, every row differs: " + utc.describe());
    }
}
