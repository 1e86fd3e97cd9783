package io.cutover.status;

import io.cutover.replication.TableStatistic;
import java.util.Collection;
import java.util.List;

/**
 * Port: read-only DMS questions of a status (AWS DMS in AWS, the rehearsal's logical
 * replication locally). Unknown ARNs come back as "not found" entries, in the order asked.
 */
public interface ReplicationStatus {

    /** Endpoints with their connection tests from every replication instance. */
    List<EndpointStatus> endpoints(Collection<String> endpointArns);

    /** Tasks with status, start position, progress and what is known of CDC latency. */
    List<TaskStatus> tasks(Collection<String> taskArns);

    /** Per-table statistics of one task (rows, changes applied, validation state). */
    List<TableStatistic> tableStatistics(String taskArn);
}
