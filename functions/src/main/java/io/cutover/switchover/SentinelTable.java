package io.cutover.switchover;

import io.cutover.instance.Engine;

/**
 * The table the switchover writes its sentinels to. It must exist on both sites, in the schema
 * the tasks replicate, before the first run (DMS does not create it on the other site).
 */
public final class SentinelTable {
    private SentinelTable() {
    }

    /** CREATE TABLE for an engine, in a schema, with the input's table name. */
    public static String ddl(Engine engine, String schema, String table) {
        return switch (engine) {
            case POSTGRES -> "CREATE TABLE IF NOT EXISTS " + schema + "." + table
                    + " (id varchar(120) PRIMARY KEY, site varchar(32) NOT NULL, written_at timestamptz NOT NULL)";
            case ORACLE -> "CREATE TABLE " + schema + "." + table
                    + " (ID VARCHAR2(120) PRIMARY KEY, SITE VARCHAR2(32) NOT NULL, WRITTEN_AT TIMESTAMP NOT NULL)";
        };
    }
}
