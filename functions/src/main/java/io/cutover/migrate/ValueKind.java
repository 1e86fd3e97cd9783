package io.cutover.migrate;

/**
 * What a column holds, independent of the engine's type name: the basis for comparing columns
 * across engines (a NUMBER(10) on Oracle and a bigint on PostgreSQL are both INTEGER) and for
 * choosing how a value is normalised before it is hashed.
 */
public enum ValueKind {
    INTEGER,
    DECIMAL,
    /** Binary floating point: its text form differs between engines, so never compared across them. */
    FLOAT,
    STRING,
    /** Blank-padded CHAR(n): trailing blanks are not part of the value. */
    FIXED_STRING,
    BINARY,
    /** A calendar date without time (PostgreSQL date). Oracle DATE carries a time of day: TIMESTAMP. */
    DATE,
    /** Date and time without a zone. */
    TIMESTAMP,
    /** An instant: date and time with a zone or offset. */
    TIMESTAMP_TZ,
    TIME,
    BOOLEAN,
    UUID,
    JSON,
    XML,
    INTERVAL,
    /** Anything else (arrays, enums, geometric, user types): compared only within one engine. */
    OTHER;

    /** Kinds whose values are points in time: naive and zoned ones meet through a declared time zone rule. */
    public boolean temporal() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }

    /** Kinds that can be read back in a key order both engines agree on and bound as parameters. */
    public boolean rangeable() {
        return switch (this) {
            case INTEGER, DECIMAL, STRING, FIXED_STRING, DATE, TIMESTAMP, TIMESTAMP_TZ, UUID -> true;
            default -> false;
        };
    }
}
