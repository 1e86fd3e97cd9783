package io.cutover.migrate.catalog;

/**
 * From V$DATABASE: the log mode and the database-level supplemental logging DMS needs.
 *
 * @param supplementalLogDataMin YES, IMPLICIT or NO
 * @param supplementalLogDataPk  YES or NO
 */
public record OracleCdcSettings(String logMode, String supplementalLogDataMin, String supplementalLogDataPk)
        implements CdcSettings {
}
