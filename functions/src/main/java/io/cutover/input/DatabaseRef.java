package io.cutover.input;

/**
 * An RDS instance the run works on. Host and port come from DescribeDBInstances, not the input,
 * so they cannot disagree with what RDS says.
 */
public record DatabaseRef(String instanceId, String database, String secretArn) {
}
