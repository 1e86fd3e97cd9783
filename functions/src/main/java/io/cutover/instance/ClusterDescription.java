package io.cutover.instance;

import java.util.List;
import java.util.Map;

/**
 * What DescribeDBClusters says about one Aurora cluster, reduced to what a migration decides on.
 *
 * @param writerEndpoint   the cluster endpoint (Endpoint): always the current writer
 * @param readerEndpoint   ReaderEndpoint
 * @param parameterGroup   DBClusterParameterGroup
 * @param writerInstanceId the member with IsClusterWriter; null while there is none
 * @param memberIds        every DBClusterMembers' instance identifier
 * @param memberParameterStatus each member's DBClusterParameterGroupStatus (in-sync, pending-reboot, ...), by instance
 *                              identifier; a member RDS reports none for is absent
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
        List<String> memberIds,
        Map<String, String> memberParameterStatus) {

    public ClusterDescription {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
        memberParameterStatus = memberParameterStatus == null ? Map.of() : Map.copyOf(memberParameterStatus);
    }

    /** The members' parameter group status not reported. */
    public ClusterDescription(String id, String arn, String status, String engine, String writerEndpoint, String readerEndpoint,
                              int port, String parameterGroup, String writerInstanceId, List<String> memberIds) {
        this(id, arn, status, engine, writerEndpoint, readerEndpoint, port, parameterGroup, writerInstanceId, memberIds, null);
    }

    public boolean isAvailable() {
        return "available".equals(status);
    }

    public ParameterGroupRef parameterGroupRef() {
        return new ParameterGroupRef(parameterGroup, true);
    }
}
