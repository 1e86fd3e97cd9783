package io.cutover.replication;

import java.time.Instant;

/**
 * One table of a DMS task (DescribeTableStatistics).
 *
 * @param rows            FullLoadRows (the rehearsal's local DMS: rows its initial copy inserted)
 * @param validationState e.g. Not enabled, Pending records, Validated, Mismatched records
 */
public record TableStatistic(
        String task,
        String schema,
        String table,
        String state,
        Long rows,
        Long inserts,
        Long updates,
        Long deletes,
        Long ddls,
        String validationState,
        Long validationPending,
        Long validationFailed,
        Instant lastUpdate) {
}
