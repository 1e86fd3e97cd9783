package io.cutover.replication;

import io.cutover.instance.Engine;

/**
 * A DMS endpoint to create. Credentials are never here: only the Secrets Manager ARN
 * (DMS reads it with SecretsManagerSecretId and the access role).
 *
 * @param slotName PostgreSQL source endpoints only: the existing logical slot to read
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
        String runId) {

    public enum EndpointType { SOURCE, TARGET }
}
