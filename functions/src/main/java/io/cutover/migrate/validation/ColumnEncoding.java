package io.cutover.migrate.validation;

/** How a column's value enters the row hash. */
public enum ColumnEncoding {
    /** The stored value as it is, through the engine's own exact hash (same engine, same type on both sides). */
    NATIVE,
    /** The engine's text form of the value (same engine, same type, no exact hash for it), with the session's formats pinned. */
    TEXT,
    /** A canonical text both engines produce for the same value of the column's {@link HashedColumn#canonicalKind()}. */
    CANONICAL
}
