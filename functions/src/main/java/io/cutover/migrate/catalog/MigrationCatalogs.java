package io.cutover.migrate.catalog;

import io.cutover.instance.Engine;
import io.cutover.migrate.TableDefinition;
import io.cutover.probe.DbConnection;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One {@link MigrationCatalog} per engine, chosen by the connection's engine: an Oracle source and a
 * PostgreSQL target are read each by its own adapter, so the use cases stay engine-blind.
 */
public final class MigrationCatalogs implements MigrationCatalog {
    private final Map<Engine, MigrationCatalog> byEngine;

    public MigrationCatalogs(Map<Engine, MigrationCatalog> byEngine) {
        this.byEngine = Map.copyOf(byEngine);
    }

    private MigrationCatalog of(DbConnection db) {
        MigrationCatalog c = byEngine.get(db.engine());
        if (c == null) throw new IllegalStateException("no migration catalog for " + db.engine() + " (" + db.host() + ")");
        return c;
    }

    @Override
    public List<TableDefinition> tables(DbConnection db) {
        return of(db).tables(db);
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        return of(db).largestLobs(db, table, limitBytes);
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes, java.time.Duration timeLimit) {
        return of(db).largestLobs(db, table, limitBytes, timeLimit);
    }

    @Override
    public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        return of(db).sequences(db, schemas);
    }

    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        return of(source).cdcSettings(source);
    }
}
