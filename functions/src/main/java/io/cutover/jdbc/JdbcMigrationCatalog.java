package io.cutover.jdbc;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.probe.DbConnection;
import io.cutover.secrets.Secrets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link MigrationCatalog} over JDBC does the same on every engine: the connections (with
 * the long statement timeout of {@link PostgresTableChecksums}: the LOB scan reads every row), the
 * table definitions through the engine's reader, and the LOB scan as one aggregate statement over
 * the table whose per-column measures the engine writes.
 */
abstract class JdbcMigrationCatalog implements MigrationCatalog {
    /** One engine's table definitions (OracleTableDefinitions::all, PostgresTableDefinitions::all). */
    interface Definitions {
        List<TableDefinition> all(CatalogQuery query) throws SQLException;
    }

    protected final ConnectionFactory connections;
    private final Definitions definitions;

    JdbcMigrationCatalog(Secrets secrets, Definitions definitions) {
        this(new JdbcConnectionFactory(secrets, PostgresTableChecksums.longStatements(JdbcSettings.fromEnvironment())),
                definitions);
    }

    JdbcMigrationCatalog(ConnectionFactory connections, Definitions definitions) {
        this.connections = connections;
        this.definitions = definitions;
    }

    @Override
    public final List<TableDefinition> tables(DbConnection db) {
        return JdbcSession.run(connections, db, "table definitions", s -> definitions.all(s::list));
    }

    @Override
    public final List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        return largestLobs(db, table, limitBytes, connections.statementTimeout());
    }

    @Override
    public final List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes, Duration timeLimit) {
        List<ColumnDefinition> lobs = table.lobColumns();
        if (lobs.isEmpty()) return List.of();
        List<String> parts = new ArrayList<>();
        for (ColumnDefinition c : lobs) parts.addAll(lobMeasures(c, limitBytes));
        int perColumn = parts.size() / lobs.size();
        String sql = "SELECT " + String.join(", ", parts) + " FROM " + ChecksumSql.quote(table.name().schema()) + "."
                + ChecksumSql.quote(table.name().table());
        return JdbcSession.runWithin(connections, db, "largest LOB values of " + table.name(), timeLimit, s -> s.one(sql, rs -> {
            List<LobSize> out = new ArrayList<>();
            for (int i = 0; i < lobs.size(); i++) out.add(lobSize(table, lobs.get(i), rs, perColumn * i + 1));
            return out;
        }));
    }

    /** The SELECT expressions measuring one LOB column; the same number for every column. */
    abstract List<String> lobMeasures(ColumnDefinition column, long limitBytes);

    /** One column's sizes, read from its measures starting at result column {@code first}. */
    abstract LobSize lobSize(TableDefinition table, ColumnDefinition column, ResultSet rs, int first) throws SQLException;
}
