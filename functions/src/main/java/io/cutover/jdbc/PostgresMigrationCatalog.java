package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.catalog.PostgresCdcSettings;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link MigrationCatalog} for PostgreSQL over JDBC. The LOB scan reads every row (with the long
 * statement timeout of {@link PostgresTableChecksums}): octet_length of a TOASTed value comes from
 * its header without fetching it, and characters are counted only for values long enough to matter.
 */
public final class PostgresMigrationCatalog implements MigrationCatalog {

    private final ConnectionFactory connections;

    public PostgresMigrationCatalog(Secrets secrets) {
        this(new JdbcConnectionFactory(secrets, PostgresTableChecksums.longStatements(JdbcSettings.fromEnvironment())));
    }

    public PostgresMigrationCatalog(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public List<TableDefinition> tables(DbConnection db) {
        return JdbcSession.run(connections, db, "table definitions", s -> PostgresTableDefinitions.all(s::list));
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        List<ColumnDefinition> lobs = table.lobColumns();
        if (lobs.isEmpty()) return List.of();
        List<String> parts = new ArrayList<>();
        for (ColumnDefinition c : lobs) {
            String x = PostgresChecksumSql.quote(c.name());
            boolean binary = c.kind() == ValueKind.BINARY;
            String value = binary || c.kind() == ValueKind.STRING ? x : x + "::text";
            String bytes = "octet_length(" + value + ")";
            // Two bytes a character can only pass the limit for values over half of it in bytes.
            String chars = "CASE WHEN " + bytes + " * 2 > " + limitBytes + " THEN char_length(" + value + ") END";
            parts.add("coalesce(max(" + bytes + "), 0)");
            parts.add(binary ? "-1" : "coalesce(max(" + chars + "), 0)");
            parts.add("count(*) FILTER (WHERE " + bytes + " > " + limitBytes
                    + (binary ? "" : " OR 2 * (" + chars + ") > " + limitBytes) + ")");
        }
        String sql = "SELECT " + String.join(", ", parts) + " FROM " + PostgresChecksumSql.quote(table.name().schema()) + "."
                + PostgresChecksumSql.quote(table.name().table());
        return JdbcSession.run(connections, db, "largest LOB values of " + table.name(), s -> s.one(sql, rs -> {
            List<LobSize> out = new ArrayList<>();
            for (int i = 0; i < lobs.size(); i++) {
                ColumnDefinition c = lobs.get(i);
                out.add(new LobSize(table.name(), c.name(), c.dataType(), rs.getLong(3 * i + 1), rs.getLong(3 * i + 2),
                        rs.getLong(3 * i + 3)));
            }
            return out;
        }));
    }

    /**
     * Sequences of the schemas with the identity or serial column each feeds (pg_depend: 'i' for
     * identity, 'a' for an owned serial). The position is read from each sequence itself:
     * pg_sequences shows no last_value after {@code setval(s, v, false)} - exactly how a run sets a
     * target's sequences - so it would report the start value instead. A sequence the login may not
     * read is an error, never a guess.
     */
    @Override
    public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        record Row(String schema, String name, long increment, long max, String table, String column, boolean identity,
                   boolean readable) {
        }
        return JdbcSession.run(connections, db, "sequences", s -> {
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
            List<SequenceState> out = new ArrayList<>();
            for (Row r : rows) {
                if (!r.readable()) {
                    throw new ProbeException("sequence " + r.schema() + "." + r.name() + " on " + db.host() + ":" + db.port()
                            + "/" + db.database() + " cannot be read by the run's login (grant SELECT on it)");
                }
                long next = s.one("SELECT CASE WHEN is_called THEN last_value + ? ELSE last_value END FROM "
                        + PostgresChecksumSql.quote(r.schema()) + "." + PostgresChecksumSql.quote(r.name()),
                        rs -> rs.getLong(1), r.increment());
                out.add(new SequenceState(r.schema(), r.name(), next, r.increment(), r.max(), r.table(), r.column(), r.identity()));
            }
            return out;
        });
    }

    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        return JdbcSession.run(connections, source, "CDC settings", s -> s.one("""
                SELECT current_setting('server_version_num')::int, current_setting('wal_level'),
                       current_setting('rds.logical_replication', true),
                       current_setting('max_replication_slots')::int, (SELECT count(*) FROM pg_replication_slots)::int,
                       current_setting('max_wal_senders')::int, (SELECT count(*) FROM pg_stat_replication)::int,
                       coalesce((SELECT setting::bigint FROM pg_settings WHERE name = 'max_slot_wal_keep_size'), -1)
                """, rs -> new PostgresCdcSettings(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getLong(8))));
    }
}
