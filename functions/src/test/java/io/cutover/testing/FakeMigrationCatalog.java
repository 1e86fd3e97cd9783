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

/**
 * Stand-in for a database's catalog in unit tests: tables by host, as the test sets them;
 * sequences are those of a {@link FakeSiteDatabases} site (free-standing, in schema public), so a
 * sequence the site database advances is read back here. LOBs and CDC settings are not read.
 */
public final class FakeMigrationCatalog implements MigrationCatalog {
    public final Map<String, List<TableDefinition>> tables = new ConcurrentHashMap<>();
    private final FakeSiteDatabases sites;

    public FakeMigrationCatalog() {
        this(new FakeSiteDatabases());
    }

    public FakeMigrationCatalog(FakeSiteDatabases sites) {
        this.sites = sites;
    }

    @Override
    public List<TableDefinition> tables(DbConnection db) {
        return tables.getOrDefault(db.host(), List.of());
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public synchronized List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        if (!schemas.contains("public")) return List.of();
        return sites.site(db.host()).sequences.entrySet().stream()
                .map(e -> new SequenceState("public", e.getKey(), e.getValue(), 1, Long.MAX_VALUE, null, null, false)).toList();
    }

    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
