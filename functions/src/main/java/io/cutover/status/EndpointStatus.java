package io.cutover.status;

import java.util.List;

/**
 * A DMS endpoint and its connection tests (DescribeEndpoints + DescribeConnections).
 *
 * @param status      the endpoint's status ("active"), or "not found"
 * @param connections one test result per replication instance that tested it
 */
public record EndpointStatus(
        String arn,
        String identifier,
        String type,
        String engine,
        String status,
        List<ConnectionTest> connections) {

    public EndpointStatus {
        connections = connections == null ? List.of() : List.copyOf(connections);
    }

    /**
     * @param status testing | successful | failed | deleting
     */
    public record ConnectionTest(String replicationInstance, String status, String message) {
    }

    public static EndpointStatus notFound(String arn) {
        return new EndpointStatus(arn, null, null, null, "not found", List.of());
    }
}
