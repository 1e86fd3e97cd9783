package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads tables from Oracle's dictionary: ALL_TABLES and ALL_TAB_COLUMNS of the schemas Oracle does
 * not maintain itself (ALL_USERS.ORACLE_MAINTAINED, 12c+; RDS's own RDSADMIN left out too), primary keys from ALL_CONSTRAINTS and
 * ALL_CONS_COLUMNS in key order. CLOB, NCLOB and BLOB are LOBs to DMS. Keys are ordered by bytes
 * (the checksum session sets NLS_SORT = BINARY), so every column counts as byte-ordered.
 */
final class OracleTableDefinitions {

    private static final String COLUMNS = """
            SELECT c.OWNER, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.DATA_PRECISION, c.DATA_SCALE, c.CHAR_LENGTH,
                   c.DATA_LENGTH, t.NUM_ROWS, t.BLOCKS
              FROM ALL_TAB_COLUMNS c
              JOIN ALL_TABLES t ON t.OWNER = c.OWNER AND t.TABLE_NAME = c.TABLE_NAME
              JOIN ALL_USERS u ON u.USERNAME = c.OWNER
             WHERE u.ORACLE_MAINTAINED = 'N' AND u.USERNAME <> 'RDSADMIN' %s
             ORDER BY c.OWNER, c.TABLE_NAME, c.COLUMN_ID
            """;
    private static final String KEYS = """
            SELECT k.OWNER, k.TABLE_NAME, kc.COLUMN_NAME
              FROM ALL_CONSTRAINTS k
              JOIN ALL_CONS_COLUMNS kc ON kc.OWNER = k.OWNER AND kc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
                                      AND kc.TABLE_NAME = k.TABLE_NAME
              JOIN ALL_USERS u ON u.USERNAME = k.OWNER
             WHERE k.CONSTRAINT_TYPE = 'P' AND u.ORACLE_MAINTAINED = 'N' AND u.USERNAME <> 'RDSADMIN' %s
             ORDER BY k.OWNER, k.TABLE_NAME, kc.POSITION
            """;
    /** Oracle's block size is per tablespace; 8 KB is the default and only sizes a sample. */
    private static final long BLOCK_BYTES = 8192;

    private OracleTableDefinitions() {
    }

    static List<TableDefinition> all(CatalogQuery query) throws SQLException {
        return read(query, "", "");
    }

    static List<TableDefinition> one(CatalogQuery query, TableName table) throws SQLException {
        return read(query, "AND c.OWNER = ? AND c.TABLE_NAME = ?", "AND k.OWNER = ? AND k.TABLE_NAME = ?",
                table.schema(), table.table());
    }

    private static List<TableDefinition> read(CatalogQuery query, String columnFilter, String keyFilter,
                                              Object... params) throws SQLException {
        return CatalogQuery.tables(query.list(COLUMNS.formatted(columnFilter), rs -> {
            BigDecimal rows = rs.getBigDecimal(9);
            BigDecimal blocks = rs.getBigDecimal(10);
            return new CatalogQuery.ColumnRow(new TableName(rs.getString(1), rs.getString(2)), column(rs.getString(3),
                    rs.getString(4), (Integer) intOrNull(rs.getBigDecimal(5)), (Integer) intOrNull(rs.getBigDecimal(6)),
                    rs.getInt(7), rs.getInt(8)), rows == null ? -1 : rows.longValue(),
                    blocks == null ? -1 : blocks.longValue() * BLOCK_BYTES);
        }, params), query.list(KEYS.formatted(keyFilter), rs -> new CatalogQuery.KeyRow(new TableName(rs.getString(1),
                rs.getString(2)), rs.getString(3)), params));
    }

    private static Object intOrNull(BigDecimal d) {
        return d == null ? null : d.intValue();
    }

    static ColumnDefinition column(String name, String type, Integer precision, Integer scale, int charLength, int dataLength) {
        String t = type.toUpperCase(java.util.Locale.ROOT);
        ValueKind kind;
        boolean lob = false;
        String dataType = t;
        if (t.equals("NUMBER")) {
            kind = scale != null && scale == 0 ? ValueKind.INTEGER : ValueKind.DECIMAL;
            dataType = precision == null ? "NUMBER" : "NUMBER(" + precision + (scale == null || scale == 0 ? "" : "," + scale) + ")";
        } else if (t.equals("FLOAT")) {
            kind = ValueKind.DECIMAL; // a NUMBER with binary precision: decimal, not IEEE
        } else if (t.equals("BINARY_FLOAT") || t.equals("BINARY_DOUBLE")) {
            kind = ValueKind.FLOAT;
        } else if (t.equals("VARCHAR2") || t.equals("NVARCHAR2") || t.equals("VARCHAR")) {
            kind = ValueKind.STRING;
            dataType = t + "(" + charLength + ")";
        } else if (t.equals("CHAR") || t.equals("NCHAR")) {
            kind = ValueKind.FIXED_STRING;
            dataType = t + "(" + charLength + ")";
        } else if (t.equals("CLOB") || t.equals("NCLOB")) {
            kind = ValueKind.STRING;
            lob = true;
        } else if (t.equals("BLOB")) {
            kind = ValueKind.BINARY;
            lob = true;
        } else if (t.equals("RAW")) {
            kind = ValueKind.BINARY;
            dataType = "RAW(" + dataLength + ")";
        } else if (t.equals("DATE") || (t.startsWith("TIMESTAMP") && !t.contains("TIME ZONE"))) {
            kind = ValueKind.TIMESTAMP; // an Oracle DATE carries a time of day
        } else if (t.startsWith("TIMESTAMP")) {
            kind = ValueKind.TIMESTAMP_TZ;
        } else if (t.startsWith("INTERVAL")) {
            kind = ValueKind.INTERVAL;
        } else if (t.equals("XMLTYPE")) {
            kind = ValueKind.XML;
        } else {
            kind = ValueKind.OTHER;
        }
        return new ColumnDefinition(name, dataType, kind, lob, false, null, true);
    }
}
