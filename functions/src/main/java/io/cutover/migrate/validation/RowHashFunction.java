package io.cutover.migrate.validation;

/** How the encoded columns of a row become one 64-bit hash. */
public enum RowHashFunction {
    /**
     * PostgreSQL on both sides, 14 or later (one of them before 17): {@code hash_record_extended(ROW(...), 0)},
     * the engine's own hashes of the stored values - no text conversion. Its int8 hash folds a
     * bigint to 32 bits, so values differing only that way (1 and 2^32) hash alike.
     */
    RECORD_HASH,
    /**
     * PostgreSQL on both sides, 17 or later: each column through its type's own 64-bit hash function
     * called directly, seeded with the column's position, the columns' hashes combined by XOR - the
     * same exactness as {@link #RECORD_HASH} without building and taking apart a record per row
     * (measured: about a third less server CPU per row), and a {@code bigint} hashed with its full 64
     * bits (the engine's int8 hash folds them to 32: 1 and 2^32 hash alike). Needs 17 for
     * subtracting infinite timestamps, which is how timestamps reach their hash.
     */
    COLUMN_HASHES,
    /**
     * Any two engines: MD5 of each column's canonical text (NULL as '-'), MD5 of their
     * concatenation, its first 60 bits as a non-negative integer - the same number on both sides.
     */
    MD5_TEXT
}
