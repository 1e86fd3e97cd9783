package io.cutover.migrate.catalog;

/** The engine settings a DMS CDC source depends on, as read from the source. */
public sealed interface CdcSettings permits PostgresCdcSettings, OracleCdcSettings {
}
