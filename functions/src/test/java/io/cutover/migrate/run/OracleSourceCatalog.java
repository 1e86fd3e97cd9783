package io.cutover.migrate.run;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.TableName;
import io.cutover.migrate.ValueKind;
import io.cutover.migrate.catalog.CdcSettings;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.migrate.catalog.OracleCdcSettings;
import io.cutover.migrate.catalog.SequenceState;
import io.cutover.probe.DbConnection;
import io.cutover.testing.SampleEvents;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Test data: an Oracle source as {@code OracleMigrationCatalog} reports it (that adapter's SQL is
 * checked on the Oracle stand-in), with the tables, sequences and settings a test sets. LOBs: none.
 */
final class OracleSourceCatalog implements MigrationCatalog {
    List<TableDefinition> tables = List.of();
    List<SequenceState> sequences = List.of();
    OracleCdcSettings settings;
    Collection<String> sequenceSchemasAsked;

    /** A migration from events/start-migration-oracle.json: RDS for Oracle ERP (schema HR) into Aurora PostgreSQL, SCT's case rules. */
    static MigrationStates migration() {
        return MigrationStates.migration().input(in -> {
            in.removeAll();
            in.setAll(SampleEvents.load("start-migration-oracle.json"));
        });
    }

    /** A table of NUMBER columns, as the Oracle and the PostgreSQL catalogs both describe integer keys. */
    static TableDefinition table(String schema, String name, List<String> key, String... columns) {
        return new TableDefinition(TableName.of(schema, name), Arrays.stream(columns)
                .map(c -> new ColumnDefinition(c, "NUMBER", ValueKind.INTEGER, false, false, null, true)).toList(), key, 10, 1000);
    }

    @Override
    public List<TableDefinition> tables(DbConnection db) {
        return tables;
    }

    @Override
    public List<LobSize> largestLobs(DbConnection db, TableDefinition table, long limitBytes) {
        return List.of();
    }

    @Override
    public List<SequenceState> sequences(DbConnection db, Collection<String> schemas) {
        sequenceSchemasAsked = List.copyOf(schemas);
        return sequences;
    }

    @Override
    public CdcSettings cdcSettings(DbConnection source) {
        return settings;
    }
}
