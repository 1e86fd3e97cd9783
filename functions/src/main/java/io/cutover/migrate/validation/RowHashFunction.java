package io.cutover.migrate.validation;

/** How the encoded columns of a row become one 64-bit hash. */
public enum RowHashFunction {
    /**
     * PostgreSQL on both sides, 14 or later: {@code hash_record_extended(ROW(...), 0)}, the engine's
     * own hashes of the stored values - no text conversion, the fast path.
     */
    RECORD_HASH,
    /**
     * Any two engines: MD5 of each column's canonical text (NULL as '-'), MD5 of their
     * concatenation, its first 60 bits as a non-negative integer - the same number on both sides.
     */
    MD5_TEXT
}
