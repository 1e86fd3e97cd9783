package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.catalog.OracleCdcSettings;
import io.cutover.migrate.catalog.OracleDmsGrants;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link MigrationCatalog} for Oracle over JDBC. Sequences come from DBA_SEQUENCES (LAST_NUMBER:
 * for a cached sequence the end of the cache, at or ahead of the next value - the safe side for a
 * source) with DBA_TAB_IDENTITY_COLS naming the identity column each ISEQ$$ sequence feeds; the
 * login needs SELECT_CATALOG_ROLE (DMS's own user has it). LOB sizes use DBMS_LOB.GETLENGTH:
 * characters for CLOB and NCLOB, bytes for BLOB.
 */
public final class OracleMigrationCatalog extends JdbcMigrationCatalog {
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    public OracleMigrationCatalog(Secrets secrets) {
        super(secrets, OracleTableDefinitions::all);
    }

    public OracleMigrationCatalog(ConnectionFactory connections) {
        super(connections, OracleTableDefinitions::all);
    }

    /** The longest value and how many pass the limit (a character counted as two bytes). */
    @Override
    List<String> lobMeasures(ColumnDefinition c, long limitBytes) {
        String length = "DBMS_LOB.GETLENGTH(" + ChecksumSql.quote(c.name()) + ")";
        boolean binary = c.kind() == ValueKind.BINARY;
        return List.of("NVL(MAX(" + length + "), 0)",
                "COUNT(CASE WHEN " + length + (binary ? "" : " * 2") + " > " + limitBytes + " THEN 1 END)");
    }

    @Override
    LobSize lobSize(TableDefinition table, ColumnDefinition c, ResultSet rs, int first) throws SQLException {
        long max = rs.getLong(first);
        boolean binary = c.kind() == ValueKind.BINARY;
        // Characters only for character LOBs: their size in bytes is not known without reading them.
        return new LobSize(table.name(), c.name(), c.dataType(), binary ? max : -1, binary ? -1 : max, rs.getLong(first + 1));
    }

    @Override
    public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        if (schemas.isEmpty()) return List.of();
        String marks = String.join(", ", Collections.nCopies(schemas.size(), "?"));
        return JdbcSession.run(connections, db, "sequences", s -> s.list("""
                SELECT s.SEQUENCE_OWNER, s.SEQUENCE_NAME, s.LAST_NUMBER, s.INCREMENT_BY, s.MAX_VALUE, i.TABLE_NAME, i.COLUMN_NAME
                  FROM DBA_SEQUENCES s
                  LEFT JOIN DBA_TAB_IDENTITY_COLS i ON i.OWNER = s.SEQUENCE_OWNER AND i.SEQUENCE_NAME = s.SEQUENCE_NAME
                 WHERE s.SEQUENCE_OWNER IN (%s) AND s.INCREMENT_BY > 0
                 ORDER BY s.SEQUENCE_OWNER, s.SEQUENCE_NAME
                """.formatted(marks), rs -> new SequenceState(rs.getString(1), rs.getString(2),
                rs.getBigDecimal(3).longValueExact(), rs.getLong(4), rs.getBigDecimal(5).min(LONG_MAX).longValue(),
                rs.getString(6), rs.getString(7), rs.getString(6) != null), schemas.toArray()));
    }

    /**
     * V$DATABASE; RDS's archived-log retention from rdsadmin.rds_configuration (its VALUE is text,
     * NULL or absent when never set: 0); the login's system privileges from SESSION_PRIVS and its
     * object privileges among those DMS needs from ALL_TAB_PRIVS (grants to the login, its enabled
     * roles and PUBLIC). Reads only.
     */
    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        Object[] objectNames = OracleDmsGrants.OBJECTS.stream().map(OracleDmsGrants.ObjectGrant::object).distinct().toArray();
        String marks = String.join(", ", Collections.nCopies(objectNames.length, "?"));
        return JdbcSession.run(connections, source, "CDC settings", s -> {
            String[] db = s.one("SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK FROM V$DATABASE",
                    rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            long retention = s.list(RETENTION, rs -> rs.getString(1)).stream().filter(v -> v != null && !v.isBlank())
                    .mapToLong(v -> Long.parseLong(v.trim())).findFirst().orElse(0);
            String login = s.one("SELECT USER FROM DUAL", rs -> rs.getString(1));
            Set<String> system = new HashSet<>(s.list("SELECT PRIVILEGE FROM SESSION_PRIVS", rs -> rs.getString(1)));
            Set<String> objects = new HashSet<>(s.list("SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, PRIVILEGE FROM ALL_TAB_PRIVS"
                    + " WHERE TABLE_NAME IN (" + marks + ")",
                    rs -> rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3), objectNames));
            return new OracleCdcSettings(db[0], db[1], db[2], retention, login, system, objects);
        });
    }

    private static final String RETENTION = "SELECT VALUE FROM rdsadmin.rds_configuration WHERE NAME = 'archivelog retention hours'";
}
