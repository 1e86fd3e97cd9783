package io.cutover.jdbc;

import io.cutover.instance.Engine;
import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.OracleCdcSettings;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.migrate.preflight.CdcPrerequisites;
import io.cutover.migrate.preflight.Finding;
import io.cutover.migrate.preflight.LobCheck;
import io.cutover.migrate.preflight.ParameterHome;
import io.cutover.migrate.validation.CanonicalRowHash;
import io.cutover.migrate.validation.ChecksumSession;
import io.cutover.migrate.validation.HashedColumn;
import io.cutover.migrate.validation.Key;
import io.cutover.migrate.validation.KeyRange;
import io.cutover.migrate.validation.RangeMismatch;
import io.cutover.migrate.validation.RowHash;
import io.cutover.migrate.validation.RowHashFunction;
import io.cutover.migrate.validation.RowHashPlan;
import io.cutover.migrate.validation.TableComparison;
import io.cutover.migrate.validation.TableResult;
import io.cutover.migrate.validation.Validation;
import io.cutover.migrate.validation.ValidationSettings;
import io.cutover.probe.DbConnection;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stand-in, not Oracle: H2 in Oracle mode ({@link OracleMigrationStandIn}) runs the SQL of
 * {@link OracleMigrationCatalog} and {@link OracleTableChecksums} - dictionary views shaped like
 * Oracle's, and Java stand-ins for STANDARD_HASH, TO_NUMBER(hex), SYS_EXTRACT_UTC, FROM_TZ and
 * DBMS_LOB.GETLENGTH (CLOBs only). It checks the SQL's shape and logic (joins, key order, expanded key ranges,
 * the canonical texts and their hash) - not Oracle's own behaviour (NLS settings, caching of
 * LAST_NUMBER, SAMPLE BLOCK, which H2 lacks: tables here are small enough to need no sample).
 */
class OracleMigrationStandInTest {

    private final OracleMigrationStandIn standIn = new OracleMigrationStandIn();
    private final OracleMigrationCatalog catalog = new OracleMigrationCatalog(standIn);

    private static DbConnection db(String host) {
        return new DbConnection(Engine.ORACLE, host, 1521, "ORCL", "arn:" + host);
    }

    private void sql(DbConnection db, String... statements) throws SQLException {
        try (Connection c = standIn.open(db); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    private static TableDefinition table(List<TableDefinition> tables, String name) {
        return tables.stream().filter(t -> t.name().table().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void tablesComeFromTheDictionaryWithKeysInPositionOrderAndOracleKinds() throws SQLException {
        DbConnection db = db("oradict");
        sql(db, "CREATE SCHEMA SHOP",
                "CREATE TABLE SHOP.ORDERS (ID NUMBER(10) PRIMARY KEY, AMOUNT NUMBER(12,2), NAME VARCHAR2(40), PLACED DATE,"
                        + " UPDATED TIMESTAMP(6), AT_TZ TIMESTAMP WITH TIME ZONE, NOTES CLOB, PIC BLOB, TOKEN RAW(16),"
                        + " CODE CHAR(4), PRICE BINARY_DOUBLE)",
                "CREATE TABLE SHOP.LINES (LINE_NO NUMBER(5), ORDER_ID NUMBER(10), QTY NUMBER(5),"
                        + " CONSTRAINT LINES_PK PRIMARY KEY (ORDER_ID, LINE_NO))",
                "CREATE TABLE SHOP.NOTES_LOG (LINE VARCHAR2(200))");
        List<TableDefinition> tables = catalog.tables(db);
        assertEquals(Set.of("SHOP"), tables.stream().map(t -> t.name().schema()).collect(java.util.stream.Collectors.toSet()),
                "schemas Oracle maintains are left out");
        TableDefinition orders = table(tables, "ORDERS");
        assertEquals(List.of("ID"), orders.primaryKey());
        assertEquals(List.of("NUMBER(10)", "NUMBER(12,2)", "VARCHAR2(40)", "DATE", "TIMESTAMP(6)", "TIMESTAMP(6) WITH TIME ZONE",
                "CLOB", "BLOB", "RAW(16)", "CHAR(4)", "BINARY_DOUBLE"), orders.columns().stream().map(ColumnDefinition::dataType).toList());
        assertEquals(List.of(ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.STRING, ValueKind.TIMESTAMP, ValueKind.TIMESTAMP,
                ValueKind.TIMESTAMP_TZ, ValueKind.STRING, ValueKind.BINARY, ValueKind.BINARY, ValueKind.FIXED_STRING, ValueKind.FLOAT),
                orders.columns().stream().map(ColumnDefinition::kind).toList());
        assertEquals(List.of("NOTES", "PIC"), orders.lobColumns().stream().map(ColumnDefinition::name).toList());
        assertEquals(List.of("ORDER_ID", "LINE_NO"), table(tables, "LINES").primaryKey(), "POSITION order, not column order");
        assertFalse(table(tables, "NOTES_LOG").hasPrimaryKey());
    }

    @Test
    void sequencesFromDbaSequencesWithTheIdentityColumnTheyFeed() throws SQLException {
        DbConnection db = db("oraseq");
        sql(db, "CREATE SCHEMA SHOP", "CREATE SEQUENCE SHOP.INVOICE_SEQ START WITH 100",
                "CREATE TABLE SHOP.TICKETS (ID NUMBER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, SUBJECT VARCHAR2(80))",
                "INSERT INTO SHOP.TICKETS (SUBJECT) VALUES ('a')", "INSERT INTO SHOP.TICKETS (SUBJECT) VALUES ('b')");
        List<SequenceState> seqs = catalog.sequences(db, List.of("SHOP"));
        assertEquals(List.of("INVOICE_SEQ", "ISEQ$$_TICKETS"), seqs.stream().map(SequenceState::name).toList());
        assertFalse(seqs.get(0).owned());
        assertEquals(100, seqs.get(0).next());
        assertTrue(seqs.get(1).identity());
        assertEquals("TICKETS", seqs.get(1).ownerTable());
        assertEquals("ID", seqs.get(1).ownerColumn());
        assertEquals(3, seqs.get(1).next(), "LAST_NUMBER: two values used");
    }

    @Test
    void lobSizesAreCharactersForClobsAndBytesForBlobs() throws SQLException {
        DbConnection db = db("oralob");
        sql(db, "CREATE SCHEMA SHOP", "CREATE TABLE SHOP.DOCS (ID NUMBER(10) PRIMARY KEY, BODY CLOB, NOTE CLOB)",
                "INSERT INTO SHOP.DOCS VALUES (1, REPEAT('x', 40000), 'n')",
                "INSERT INTO SHOP.DOCS VALUES (2, 'short', REPEAT('y', 30000))");
        TableDefinition docs = table(catalog.tables(db), "DOCS");
        List<Finding> f = new LobCheck(catalog).check(db, List.of(docs), 64);
        assertEquals(List.of("SHOP.DOCS.BODY"), f.stream().map(Finding::subject).toList());
        assertTrue(f.get(0).problem().startsWith("CLOB values up to 40000 characters exceed LobMaxSize 64 KB (1 rows over it)"),
                f.get(0).problem());
    }

    @Test
    void cdcSettingsFromVDatabaseWithTheRdsadminFixes() throws SQLException {
        DbConnection db = db("oracdc");
        sql(db, "INSERT INTO V$DATABASE (LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK)"
                + " VALUES ('ARCHIVELOG', 'YES', 'NO')",
                "INSERT INTO RDSADMIN.RDS_CONFIGURATION (NAME, VALUE) VALUES ('archivelog retention hours', '24')",
                "INSERT INTO SESSION_PRIVS VALUES ('CREATE SESSION'), ('SELECT ANY TRANSACTION'), ('LOGMINING'),"
                        + " ('SELECT ANY DICTIONARY')",
                "INSERT INTO ALL_TAB_PRIVS (GRANTEE, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE) VALUES"
                        + " ('EXECUTE_CATALOG_ROLE', 'SYS', 'DBMS_LOGMNR', 'EXECUTE'), ('DMS_USER', 'RDSADMIN', 'RDSADMIN_UTIL', 'EXECUTE')");
        CdcSettings settings = catalog.cdcSettings(db);
        List<Finding> f = CdcPrerequisites.check(settings, new ParameterHome.RdsInstance("erp", "erp-ora19"),
                CdcPrerequisites.Needs.oneTask());
        assertEquals(List.of("SUPPLEMENTAL_LOG_DATA_PK"), f.stream().map(Finding::subject).toList());
    }

    @Test
    void retentionLoginAndGrantsAreReadAsTheDmsUserHoldsThem() throws SQLException {
        DbConnection db = db("oragrants");
        sql(db, "INSERT INTO V$DATABASE (LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK)"
                        + " VALUES ('NOARCHIVELOG', 'IMPLICIT', 'YES')",
                "INSERT INTO RDSADMIN.RDS_CONFIGURATION (NAME, VALUE) VALUES ('archivelog retention hours', ' 12 '),"
                        + " ('tracefile retention', '10080')",
                "INSERT INTO SESSION_PRIVS VALUES ('CREATE SESSION')",
                "INSERT INTO ALL_TAB_PRIVS (GRANTEE, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE) VALUES"
                        + " ('DMS_USER', 'SYS', 'V_$LOGMNR_LOGS', 'SELECT'), ('PUBLIC', 'SYS', 'ALL_TABLES', 'SELECT'),"
                        + " ('SELECT_CATALOG_ROLE', 'SYS', 'V_$DATABASE', 'SELECT'), ('SELECT_CATALOG_ROLE', 'SYS', 'V_$DATABASE', 'SELECT'),"
                        + " ('DMS_USER', 'SYS', 'V_$SQLAREA', 'SELECT')");
        OracleCdcSettings s = (OracleCdcSettings) catalog.cdcSettings(db);
        assertEquals("NOARCHIVELOG", s.logMode());
        assertEquals("IMPLICIT", s.supplementalLogDataMin());
        assertEquals("YES", s.supplementalLogDataPk());
        assertEquals(12, s.archivelogRetentionHours());
        assertEquals("DMS_USER", s.login(), "USER: the login the source secret names");
        assertEquals(Set.of("CREATE SESSION"), s.systemPrivileges());
        assertEquals(Set.of("SYS.V_$LOGMNR_LOGS SELECT", "SYS.ALL_TABLES SELECT", "SYS.V_$DATABASE SELECT"), s.objectPrivileges(),
                "through the login, PUBLIC and roles; only the objects DMS needs");
    }

    @Test
    void aRetentionNeverSetReadsAsZeroHours() throws SQLException {
        DbConnection db = db("oranoret");
        sql(db, "INSERT INTO V$DATABASE (LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK)"
                + " VALUES ('ARCHIVELOG', 'YES', 'YES')");
        assertEquals(0, ((OracleCdcSettings) catalog.cdcSettings(db)).archivelogRetentionHours());
        sql(db, "INSERT INTO RDSADMIN.RDS_CONFIGURATION (NAME, VALUE) VALUES ('archivelog retention hours', NULL)");
        assertEquals(0, ((OracleCdcSettings) catalog.cdcSettings(db)).archivelogRetentionHours());
    }

    @Test
    void rowHashesFollowTheCanonicalSpecificationThePostgresSideFollowsToo() throws SQLException {
        DbConnection db = db("orahash");
        sql(db, "CREATE SCHEMA SHOP",
                "CREATE TABLE SHOP.CANON (ID NUMBER(10) PRIMARY KEY, AMOUNT NUMBER(12,2), NAME VARCHAR2(40), CODE CHAR(6),"
                        + " TOKEN RAW(4), PLACED DATE, UPDATED TIMESTAMP(6), AT_TZ TIMESTAMP WITH TIME ZONE)",
                "INSERT INTO SHOP.CANON VALUES (1, 1.50, 'é and ü', 'ab', X'00ff10ab', TIMESTAMP '2024-02-29 13:14:15',"
                        + " TIMESTAMP '2024-02-29 13:14:15.123456', TIMESTAMP '2024-02-29 13:14:15.5+02:00')",
                "INSERT INTO SHOP.CANON VALUES (2, -0.5, NULL, NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO SHOP.CANON VALUES (3, 10, '', 'x     ', NULL, NULL, NULL, NULL)");
        OracleTableChecksums checksums = new OracleTableChecksums(standIn);
        try (ChecksumSession s = checksums.open(db)) {
            assertTrue(s.traits().utf8());
            TableDefinition def = s.definition(TableName.of("SHOP", "CANON")).orElseThrow();
            List<ValueKind> canonical = List.of(ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.STRING, ValueKind.FIXED_STRING,
                    ValueKind.BINARY, ValueKind.TIMESTAMP, ValueKind.TIMESTAMP, ValueKind.TIMESTAMP_TZ);
            List<HashedColumn> columns = new java.util.ArrayList<>();
            for (int i = 0; i < def.columns().size(); i++) columns.add(HashedColumn.canonical(def.columns().get(i), canonical.get(i), null));
            RowHashPlan plan = new RowHashPlan(def.name(), def.keyColumns(), columns, RowHashFunction.MD5_TEXT, true);
            List<RowHash> rows = s.rowHashes(plan, KeyRange.all(), 10);
            assertEquals(List.of(
                    new RowHash(Key.of(1L), CanonicalRowHash.of("1", "1.5", "é and ü", "ab", "00ff10ab", "2024-02-29 13:14:15.000000",
                            "2024-02-29 13:14:15.123456", "2024-02-29 11:14:15.500000")),
                    new RowHash(Key.of(2L), CanonicalRowHash.of("2", "-0.5", null, null, null, null, null, null)),
                    new RowHash(Key.of(3L), CanonicalRowHash.of("3", "10", null, "x", null, null, null, null))), rows);
        }
    }

    @Test
    void validationOnTheStandInRangesCompositeKeysAndListsTheDriftedRows() throws SQLException {
        DbConnection source = db("orasrc");
        DbConnection target = db("oratgt");
        for (DbConnection db : List.of(source, target)) {
            sql(db, "CREATE SCHEMA SHOP", "CREATE TABLE SHOP.LINES (ORDER_ID NUMBER(10), LINE_NO NUMBER(5), SKU VARCHAR2(20),"
                            + " QTY NUMBER(5), PRIMARY KEY (ORDER_ID, LINE_NO))",
                    "INSERT INTO SHOP.LINES SELECT X / 10, MOD(X, 10), 'SKU-' || X, MOD(X, 7) FROM SYSTEM_RANGE(10, 609)");
        }
        sql(target, "UPDATE SHOP.LINES SET QTY = 99 WHERE ORDER_ID = 31 AND LINE_NO = 4",
                "DELETE FROM SHOP.LINES WHERE ORDER_ID = 50 AND LINE_NO = 0");
        OracleTableChecksums checksums = new OracleTableChecksums(standIn);
        ValidationSettings settings = ValidationSettings.defaults().withConcurrency(2).withChunks(1_000, 20)
                .withMode(ValidationSettings.Mode.FINAL);
        TableResult r;
        try (Validation v = new Validation(checksums, source, checksums, target, settings, d -> {
        })) {
            r = v.validate(TableComparison.same(TableName.of("SHOP", "LINES")));
        }
        assertEquals(TableResult.Status.MISMATCH, r.status(), r.describe());
        assertEquals(600, r.sourceRows());
        assertEquals(List.of(Key.of(31L, 4L)), r.mismatches().stream().flatMap(m -> m.different().stream()).toList(), r.describe());
        assertEquals(List.of(Key.of(50L, 0L)), r.mismatches().stream().flatMap(m -> m.missing().stream()).toList());
        assertTrue(r.mismatches().stream().allMatch(m -> m.keysNote() == null));
        assertEquals(List.of(), r.mismatches().stream().flatMap(m -> m.extra().stream()).toList());
        assertTrue(r.mismatches().stream().mapToInt(RangeMismatch::keysListed).sum() == 2);
    }
}
