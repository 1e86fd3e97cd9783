package io.cutover.migrate.preflight;

import io.cutover.migrate.TableDefinition;
import io.cutover.migrate.catalog.LobSize;
import io.cutover.migrate.catalog.MigrationCatalog;
import io.cutover.probe.DbConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * In limited LOB mode DMS truncates every LOB value longer than the task's LobMaxSize (KB) and only
 * logs a warning. Each LOB column of each moved table is measured on the source; a column whose
 * largest value is over the limit is a blocker naming the table, the column, the size and how many
 * rows would be cut. Character LOBs count at the larger of their bytes and two bytes per character
 * ({@link LobSize#effectiveMax()}).
 */
public final class LobCheck {
    private final MigrationCatalog catalog;

    public LobCheck(MigrationCatalog catalog) {
        this.catalog = catalog;
    }

    /** @param lobMaxSizeKb the task's TargetMetadata.LobMaxSize; 0 means full LOB mode, where nothing is truncated */
    public List<Finding> check(DbConnection source, List<TableDefinition> tables, long lobMaxSizeKb) {
        return check(source, tables, lobMaxSizeKb, null);
    }

    /** @param timeLimit how long each table's scan may take; null: the catalog's own bound */
    public List<Finding> check(DbConnection source, List<TableDefinition> tables, long lobMaxSizeKb, java.time.Duration timeLimit) {
        List<Finding> out = new ArrayList<>();
        if (lobMaxSizeKb <= 0) return out;
        long limit = lobMaxSizeKb * 1024;
        for (TableDefinition t : tables) {
            if (t.lobColumns().isEmpty()) continue;
            for (LobSize size : timeLimit == null ? catalog.largestLobs(source, t, limit)
                    : catalog.largestLobs(source, t, limit, timeLimit)) {
                long effective = size.effectiveMax();
                if (effective <= limit && size.rowsOverLimit() == 0) continue;
                out.add(Finding.blocker(size.table() + "." + size.column(), size.dataType() + " values up to "
                                + describe(size) + " exceed LobMaxSize " + lobMaxSizeKb + " KB (" + size.rowsOverLimit()
                                + " rows over it): DMS in limited LOB mode would truncate them silently",
                        List.of("raise TargetMetadata.LobMaxSize to at least " + kbAbove(effective) + " in the task settings,"
                                + " or use full LOB mode (FullLobMode: true) or inline LOB mode for this table")));
            }
        }
        return out;
    }

    private static String describe(LobSize s) {
        if (s.maxBytes() < 0) return s.maxCharacters() + " characters";
        return s.maxBytes() + " bytes (" + kbAbove(s.maxBytes()) + " KB)"
                + (s.maxCharacters() < 0 ? "" : ", " + s.maxCharacters() + " characters");
    }

    private static long kbAbove(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
