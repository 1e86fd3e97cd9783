package io.cutover.migrate.validation;

import io.cutover.migrate.ColumnDefinition;
import io.cutover.migrate.ValueKind;

/**
 * One column of one side as it enters the row hash.
 *
 * @param canonicalKind the canonical form both sides render (CANONICAL encoding only)
 * @param naiveTimeZone for a timestamp without zone compared with one with a zone: the zone its
 *                      values are read in (the declared time zone rule), else null
 */
public record HashedColumn(ColumnDefinition column, ColumnEncoding encoding, ValueKind canonicalKind, String naiveTimeZone) {

    public static HashedColumn nativeValue(ColumnDefinition c) {
        return new HashedColumn(c, ColumnEncoding.NATIVE, null, null);
    }

    public static HashedColumn text(ColumnDefinition c) {
        return new HashedColumn(c, ColumnEncoding.TEXT, null, null);
    }

    public static HashedColumn canonical(ColumnDefinition c, ValueKind kind, String naiveTimeZone) {
        return new HashedColumn(c, ColumnEncoding.CANONICAL, kind, naiveTimeZone);
    }
}
