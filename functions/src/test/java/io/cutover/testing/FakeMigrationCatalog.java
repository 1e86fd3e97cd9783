package io.cutover.testing;

import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.probe.DbConnection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stand-in for a database's catalog in unit tests: tables by host, as the test sets them; nothing else is read. */
public final class FakeMigrationCatalog implements MigrationCatalog {
    public final Map<String, List<TableDefinition>> tables = new ConcurrentHashMap<>();

    @Override
    public List<TableDefinition> tables(DbConnection db) {
        return tables.getOrDefault(db.host(), List.of());
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
