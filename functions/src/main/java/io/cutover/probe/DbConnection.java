package io.cutover.probe;

import io.cutover.instance.Engine;

/** Where a probe connects: host, port, database and the Secrets Manager ARN of the credentials. */
public record DbConnection(Engine engine, String host, int port, String database, String secretArn) {
}
