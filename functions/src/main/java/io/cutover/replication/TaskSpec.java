package io.cutover.replication;

/**
 * A DMS replication task to create.
 *
 * @param migrationType    cdc | full-load | full-load-and-cdc
 * @param cdcStartPosition Oracle SCN or PostgreSQL LSN; null for full load
 */
public record TaskSpec(
        String identifier,
        String replicationInstanceArn,
        String sourceEndpointArn,
        String targetEndpointArn,
        String migrationType,
        String tableMappingsJson,
        String settingsJson,
        String cdcStartPosition,
        String runId) {
}
