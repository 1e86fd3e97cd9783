package io.cutover.input;

/**
 * Time limits of a run, all in seconds.
 *
 * @param maxLagSeconds           replica lag accepted before freezing
 * @param lagWaitSeconds          how long to wait for the lag to come under the limit
 * @param pollIntervalSeconds     between checks in polling loops
 * @param syncWaitSeconds         how long to wait, frozen, for the replica to catch up
 * @param eventWaitSeconds        how long a step waits for an RDS/DMS event before polling
 * @param promotionTimeoutSeconds how long promotion may take in all
 * @param connectionTestTimeoutSeconds how long the DMS connection test may take
 * @param taskStartTimeoutSeconds how long the CDC task may take to reach running
 * @param slotWaitSeconds         how long the logical slot's creation may wait for transactions open
 *                                on the source (PostgreSQL): it waits for every one open when it starts
 */
public record Limits(
        int maxLagSeconds,
        int lagWaitSeconds,
        int pollIntervalSeconds,
        int syncWaitSeconds,
        int eventWaitSeconds,
        int promotionTimeoutSeconds,
        int connectionTestTimeoutSeconds,
        int taskStartTimeoutSeconds,
        int slotWaitSeconds) {
}
