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
        return largestLobs(db, table, limitBytes, connections.statementTimeout());
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes, java.time.Duration timeLimit) {
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
        return JdbcSession.runWithin(connections, db, "largest LOB values of " + table.name(), timeLimit, s -> s.one(sql, rs -> {
            List<LobSize> out = new ArrayList<>();
            for (int i = 0; i < lobs.size(); i++) {
                ColumnDefinition c = lobs.get(i);
                out.add(new LobSize(table.name(), c.name(), c.dataType(), rs.getLong(3 * i + 1), rs.getLong(3 * i + 2),
                        rs.getLong(3 * i + 3)));
            }
            return out;
        }));
    }

    /** See {@link PostgresSequences}. */
    @Override
    public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        return JdbcSession.run(connections, db, "sequences", s -> PostgresSequences.read(s, db, schemas));
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
