package io.cutover.migrate.preflight;

import io.cutover.migrate.TableDefinition;

/** A table the task moves and the table it lands in (null when the target lacks it). */
public record TablePair(TableDefinition source, TableDefinition target) {
}
