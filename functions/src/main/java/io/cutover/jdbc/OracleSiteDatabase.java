package io.cutover.jdbc;

import io.cutover.probe.DbConnection;
import io.cutover.switchover.ReplicationRole;
import io.cutover.switchover.SequenceAdvance;
import io.cutover.switchover.SequenceValue;
import io.cutover.switchover.SiteDatabase;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@link SiteDatabase} for Oracle over JDBC. Names are unquoted identifiers in SQL (Oracle folds
 * them to upper case) and upper case in dictionary lookups. The login needs SELECT on the
 * sentinel and heartbeat tables and ALTER on the schema's sequences.
 */
public final class OracleSiteDatabase extends SqlSiteDatabase {

    private static final int UNIQUE_VIOLATION = 1; // ORA-00001

    public OracleSiteDatabase(ConnectionFactory connections) {
        super(connections);
    }

    @Override
    public boolean tableExists(DbConnection site, String schema, String table) {
        return JdbcSession.run(connections, site, "table lookup", s -> s.one(
                "SELECT COUNT(*) FROM ALL_TABLES WHERE OWNER = ? AND TABLE_NAME = ?", rs -> rs.getLong(1) > 0,
                upper(schema), upper(table)));
    }

    @Override
    public void writeSentinel(DbConnection site, String schema, String table, String id, String siteName) {
        JdbcSession.run(connections, site, "sentinel write", s -> {
            try {
                s.execute("INSERT INTO " + qualified(schema, table) + " (ID, SITE, WRITTEN_AT)"
                        + " SELECT ?, ?, SYSTIMESTAMP FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + qualified(schema, table)
                        + " WHERE ID = ?)", id, siteName, id);
            } catch (SQLException e) {
                // A concurrent retry wrote it between the check and the insert: the row is there.
                if (e.getErrorCode() != UNIQUE_VIOLATION && !"23505".equals(e.getSQLState())) throw e;
            }
            return null;
        });
    }

    /** LAST_NUMBER: for a cached sequence the cache's end, at or ahead of the next value - the safe side for a source. */
    @Override
    public List<SequenceValue> sequences(DbConnection site, String schema) {
        return JdbcSession.run(connections, site, "sequence values", s -> s.list("""
                SELECT SEQUENCE_NAME, LAST_NUMBER, MAX_VALUE FROM ALL_SEQUENCES
                 WHERE SEQUENCE_OWNER = ? AND INCREMENT_BY > 0 ORDER BY SEQUENCE_NAME
                """, rs -> new SequenceValue(rs.getString(1), rs.getBigDecimal(2).longValueExact(),
                rs.getBigDecimal(3).min(java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValue()), upper(schema)));
    }

    /**
     * Oracle cannot set a sequence's value before 18c and its LAST_NUMBER is not the next value
     * of a cached sequence, so: take NEXTVAL (the true position), and if short, step once with
     * a temporary INCREMENT BY that lands just before the wanted value, then restore the increment.
     */
    @Override
    public SequenceAdvance advanceSequence(DbConnection site, String schema, String sequence, long next) {
        String name = checked(schema) + "." + quote(sequence);
        return JdbcSession.run(connections, site, "sequence advance", s -> {
            long[] def = s.one("SELECT INCREMENT_BY, MAX_VALUE FROM ALL_SEQUENCES WHERE SEQUENCE_OWNER = ? AND SEQUENCE_NAME = ?",
                    rs -> new long[]{rs.getLong(1), rs.getBigDecimal(2).min(java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValue()},
                    upper(schema), sequence);
            long increment = def[0];
            long taken = s.one("SELECT " + name + ".NEXTVAL FROM DUAL", rs -> rs.getLong(1));
            long nextBefore = taken + increment;
            if (nextBefore >= next) return new SequenceAdvance(sequence, nextBefore, nextBefore, false);
            if (next > def[1]) {
                throw new ProbeException("sequence " + upper(schema) + "." + sequence + " cannot reach " + next
                        + ": its MAX_VALUE is " + def[1]);
            }
            long step = next - increment - taken;
            s.execute("ALTER SEQUENCE " + name + " INCREMENT BY " + step);
            try {
                s.one("SELECT " + name + ".NEXTVAL FROM DUAL", rs -> rs.getLong(1));
            } finally {
                s.execute("ALTER SEQUENCE " + name + " INCREMENT BY " + increment);
            }
            return new SequenceAdvance(sequence, nextBefore, next, true);
        });
    }

    @Override
    public ReplicationRole replicationRole(DbConnection site) {
        return ReplicationRole.notApplicable();
    }

    @Override
    public ReplicationRole restoreOriginRole(DbConnection site) {
        return ReplicationRole.notApplicable();
    }

    @Override
    public void holdReplicaRole(DbConnection site, String login, String runId) {
        throw new UnsupportedOperationException("PostgreSQL only: Oracle has no session_replication_role");
    }

    @Override
    public OptionalLong newestHeartbeat(DbConnection site, String schema, String table, String siteName) {
        java.math.BigDecimal id = JdbcSession.run(connections, site, "newest heartbeat", s -> s.one(
                "SELECT MAX(ID) FROM " + qualified(schema, table) + " WHERE SITE = ?", rs -> rs.getBigDecimal(1), siteName));
        return id == null ? OptionalLong.empty() : OptionalLong.of(id.longValueExact());
    }

    private static String upper(String identifier) {
        return checked(identifier).toUpperCase(Locale.ROOT);
    }
}
