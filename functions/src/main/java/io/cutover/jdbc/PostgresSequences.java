package io.cutover.jdbc;

import io.cutover.migrate.catalog.SequenceState;
import io.cutover.probe.DbConnection;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The ascending sequences of some schemas with the value each hands out next, read from each
 * sequence itself: pg_sequences shows no last_value after {@code setval(s, v, false)} - exactly how
 * a run moves a sequence - and would report the start value instead, so a second move could go back.
 * A sequence the login may not read is an error, never a guess.
 */
final class PostgresSequences {

    private PostgresSequences() {
    }

    /** With the identity or serial column each feeds (pg_depend: 'i' for identity, 'a' for an owned serial). */
    static List<SequenceState> read(JdbcSession s, DbConnection db, Collection<String> schemas) throws SQLException {
        record Row(String schema, String name, long increment, long max, String table, String column, boolean identity,
                   boolean readable) {
        }
        List<Row> rows = s.list("""
                SELECT n.nspname, c.relname, q.seqincrement, q.seqmax,
                       t.relname, a.attname, coalesce(d.deptype = 'i', false),
                       has_sequence_privilege(c.oid, 'SELECT')
                  FROM pg_sequence q
                  JOIN pg_class c ON c.oid = q.seqrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                  LEFT JOIN pg_class t ON t.oid = d.refobjid
                  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE n.nspname = ANY (?) AND q.seqincrement > 0
                 ORDER BY n.nspname, c.relname
                """, rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getBoolean(8)), (Object) schemas.toArray(String[]::new));
        List<String> reads = new ArrayList<>();
        for (Row r : rows) {
            if (!r.readable()) {
                throw new ProbeException("sequence " + r.schema() + "." + r.name() + " on " + db.host() + ":" + db.port()
                        + "/" + db.database() + " cannot be read by the run's login (grant SELECT on it)");
            }
            reads.add("SELECT " + reads.size() + ", CASE WHEN is_called THEN last_value + " + r.increment()
                    + " ELSE last_value END FROM " + ChecksumSql.quote(r.schema()) + "."
                    + ChecksumSql.quote(r.name()));
        }
        if (rows.isEmpty()) return List.of();
        // Every sequence in one round trip (the switchover reads them inside the freeze).
        long[] next = new long[rows.size()];
        s.list(String.join(" UNION ALL ", reads), rs -> next[rs.getInt(1)] = rs.getLong(2));
        List<SequenceState> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(new SequenceState(r.schema(), r.name(), next[i], r.increment(), r.max(), r.table(), r.column(),
                    r.identity()));
        }
        return out;
    }
}
