package io.cutover.instance;

import java.util.List;

/**
 * What DescribeDBClusters says about one Aurora cluster, reduced to what a migration decides on.
 *
 * @param writerEndpoint   the cluster endpoint (Endpoint): always the current writer
 * @param readerEndpoint   ReaderEndpoint
 * @param parameterGroup   DBClusterParameterGroup
 * @param writerInstanceId the member with IsClusterWriter; null while there is none
 * @param memberIds        every DBClusterMembers' instance identifier
 */
public record ClusterDescription(
        String id,
        String arn,
        String status,
        String engine,
        String writerEndpoint,
        String readerEndpoint,
        int port,
        String parameterGroup,
        String writerInstanceId,
        List<String> memberIds) {

    public ClusterDescription {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }

    public boolean isAvailable() {
        return "available".equals(status);
    }

    public ParameterGroupRef parameterGroupRef() {
        return new ParameterGroupRef(parameterGroup, true);
    }
}
