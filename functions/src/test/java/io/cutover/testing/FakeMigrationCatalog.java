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
 * sequence the site database advances is read back here. LOB sizes by table and the source's CDC
 * settings as the test sets them (by default a source ready for CDC with room for a task).
 */
public final class FakeMigrationCatalog implements MigrationCatalog {
    public final Map<String, List<TableDefinition>> tables = new ConcurrentHashMap<>();
    /** The largest LOB values by table, as {@link #largestLobs} answers (absent: none). */
    public final Map<io.cutover.migrate.TableName, List<LobSize>> lobs = new ConcurrentHashMap<>();
    /** The tables whose LOBs were measured, in order. */
    public final List<io.cutover.migrate.TableName> lobsMeasured = new java.util.concurrent.CopyOnWriteArrayList<>();
    public volatile CdcSettings cdc = new io.cutover.migrate.catalog.PostgresCdcSettings(170004, "logical", "on", 10, 1, 10, 1, -1);
    private final FakeSiteDatabases sites;

    /** A database's own CDC settings (the two-way door's target is a CDC source too); else {@link #cdc}. */
    public final Map<String, CdcSettings> cdcByHost = new ConcurrentHashMap<>();

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

    /** The time limit the last LOB scan was given (null: the catalog's own). */
    public volatile java.time.Duration lobScanLimit;

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes, java.time.Duration timeLimit) {
        lobScanLimit = timeLimit;
        return largestLobs(db, table, limitBytes);
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        lobsMeasured.add(table.name());
        return lobs.getOrDefault(table.name(), List.of());
    }

    @Override
    public synchronized List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        if (!schemas.contains("public")) return List.of();
        return sites.site(db.host()).sequences.entrySet().stream()
                .map(e -> new SequenceState("public", e.getKey(), e.getValue(), 1, Long.MAX_VALUE, null, null, false)).toList();
    }

    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        return cdcByHost.getOrDefault(source.host(), cdc);
    }
}
