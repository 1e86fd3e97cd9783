package io.cutover.replication;

import io.cutover.instance.Engine;

/**
 * A DMS endpoint to create. Credentials are never here: only the Secrets Manager ARN
 * (DMS reads it with SecretsManagerSecretId and the access role).
 *
 * @param slotName PostgreSQL source endpoints only: the existing logical slot to read
 * @param plugin   with slotName: the decoder the slot was made with (test_decoding or pglogical)
 * @param secretsManagerEndpointOverride DNS name of a Secrets Manager VPC endpoint, for replication
 *        instances in private subnets (the endpoint attribute of that name); null: the public endpoint
 */
public record EndpointSpec(
        String identifier,
        EndpointType type,
        Engine engine,
        String host,
        int port,
        String database,
        String secretArn,
        String secretAccessRoleArn,
        String slotName,
        String plugin,
        String runId,
        String secretsManagerEndpointOverride) {

    /** An endpoint that reads no slot of its own choosing (a target, or a source without SlotName). */
    public EndpointSpec(String identifier, EndpointType type, Engine engine, String host, int port, String database,
                        String secretArn, String secretAccessRoleArn, String runId, String secretsManagerEndpointOverride) {
        this(identifier, type, engine, host, port, database, secretArn, secretAccessRoleArn, null, null, runId,
                secretsManagerEndpointOverride);
    }

    public enum EndpointType { SOURCE, TARGET }
}
