package io.cutover.migrate.catalog;

import io.cutover.migrate.TableDefinition;
import io.cutover.probe.DbConnection;

import java.util.Collection;
import java.util.List;

/**
 * Port: what a source or target database holds, as the migration's preflight needs it. Read-only.
 * Adapters: {@code io.cutover.jdbc.PostgresMigrationCatalog}, {@code io.cutover.jdbc.OracleMigrationCatalog}.
 */
public interface MigrationCatalog {

    /** Every table of every user schema (not the engine's own), with columns and primary key. */
    List<TableDefinition> tables(DbConnection db);

    /**
     * The largest value of each LOB column of the table, read from every row (a full scan: the
     * largest value is what truncation is about, a sample would miss it).
     *
     * @param limitBytes values longer than this (measured as {@link LobSize#effectiveMax()} is) are counted in
     *                   {@link LobSize#rowsOverLimit()}
     */
    List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes);

    /** The same, its scan allowed up to {@code timeLimit} (a large table's scan outlasts a probe's statement). */
    default List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes, java.time.Duration timeLimit) {
        return largestLobs(db, table, limitBytes);
    }

    /** Sequences of the schemas with the value each would hand out next, and the identity or serial column each feeds. */
    List<SequenceState> sequences(DbConnection db, Collection<String> schemas);

    /** The engine settings logical-replication CDC depends on. */
    CdcSettings cdcSettings(DbConnection source);
}
