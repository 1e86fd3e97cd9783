package io.cutover.migrate.validation;

/** One row's key and the hash of its compared columns. */
public record RowHash(Key key, long hash) {
}
