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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * {@link MigrationCatalog} for PostgreSQL over JDBC. The LOB scan reads every row (with the long
 * statement timeout of {@link PostgresTableChecksums}): octet_length of a TOASTed value comes from
 * its header without fetching it, and characters are counted only for values long enough to matter.
 */
public final class PostgresMigrationCatalog extends JdbcMigrationCatalog {
    public PostgresMigrationCatalog(Secrets secrets) {
        super(secrets, PostgresTableDefinitions::all);
    }

    public PostgresMigrationCatalog(ConnectionFactory connections) {
        super(connections, PostgresTableDefinitions::all);
    }

    /** Largest bytes, largest characters (-1 for binary) and how many pass the limit. */
    @Override
    List<String> lobMeasures(ColumnDefinition c, long limitBytes) {
        String x = ChecksumSql.quote(c.name());
        boolean binary = c.kind() == ValueKind.BINARY;
        String value = binary || c.kind() == ValueKind.STRING ? x : x + "::text";
        String bytes = "octet_length(" + value + ")";
        // Two bytes a character can only pass the limit for values over half of it in bytes.
        String chars = "CASE WHEN " + bytes + " * 2 > " + limitBytes + " THEN char_length(" + value + ") END";
        return List.of("coalesce(max(" + bytes + "), 0)", binary ? "-1" : "coalesce(max(" + chars + "), 0)",
                "count(*) FILTER (WHERE " + bytes + " > " + limitBytes
                        + (binary ? "" : " OR 2 * (" + chars + ") > " + limitBytes) + ")");
    }

    @Override
    LobSize lobSize(TableDefinition table, ColumnDefinition c, ResultSet rs, int first) throws SQLException {
        return new LobSize(table.name(), c.name(), c.dataType(), rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2));
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
