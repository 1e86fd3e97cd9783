package io.cutover.input;

/**
 * One site of a two-way pair, as the DBA set it up for DMS.
 *
 * @param name              SITEA or SITEB (the appmap's site names)
 * @param schema            schema of the replicated tables, the sentinel table and DMS's loopback table
 * @param secretArn         Secrets Manager ARN of an administrative login (sequences, settings)
 * @param sourceEndpointArn DMS endpoint reading this site (PostgreSQL: it names {@code slotName})
 * @param targetEndpointArn DMS endpoint writing to this site
 * @param slotName          PostgreSQL only: the logical slot the source endpoint reads
 */
public record SiteRef(
        String name,
        String host,
        int port,
        String database,
        String schema,
        String secretArn,
        String sourceEndpointArn,
        String targetEndpointArn,
        String slotName) {

    /** host:port/database, for messages and the run lock. */
    public String address() {
        return host + ":" + port + "/" + database;
    }
}
