package io.cutover.replication;

public record EndpointDescription(String arn, String identifier, String type, String engine, String status) {
}
