package io.cutover.input;

/**
 * Time limits of a switchover, all in seconds.
 *
 * @param maxLatencySeconds       a sentinel written on the from-site must reach the to-site within this
 *                                (the forward task's CDC latency, measured end to end; at most 60)
 * @param latencyWaitSeconds      how long to wait for the latency to come under the limit
 * @param pollIntervalSeconds     between checks in polling loops
 * @param drainWaitSeconds        how long to wait, frozen, for the drain sentinel to reach the to-site
 * @param taskStartTimeoutSeconds how long the backward task may take to reach running
 * @param verifyWaitSeconds       how long to wait for writes on the to-site to arrive on the from-site
 */
public record SwitchoverLimits(
        int maxLatencySeconds,
        int latencyWaitSeconds,
        int pollIntervalSeconds,
        int drainWaitSeconds,
        int taskStartTimeoutSeconds,
        int verifyWaitSeconds) {
}
