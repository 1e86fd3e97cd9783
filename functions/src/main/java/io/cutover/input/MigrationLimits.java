package io.cutover.input;

/**
 * Time limits and gates of a migration, seconds unless said.
 *
 * @param maxCdcLatencySeconds    CDCLatencySource/Target and the sentinel's trip must be under this before the freeze
 * @param latencyReads            consecutive reads under the limit the gate wants
 * @param latencyWaitSeconds      how long the gate may wait for them
 * @param pollIntervalSeconds     between checks in polling loops
 * @param fullLoadTimeoutSeconds  how long the full load may take
 * @param taskStartTimeoutSeconds how long the task may take to reach running
 * @param snapshotWaitSeconds     how long the source snapshot may take
 * @param drainWaitSeconds        how long to wait, frozen, for the drain sentinel on the target
 * @param verifyWaitSeconds       how long to wait for a write on the target after the thaw
 * @param parameterApplySeconds   how long a change of the target's parameter group may take to show in a new session
 */
public record MigrationLimits(
        int maxCdcLatencySeconds,
        int latencyReads,
        int latencyWaitSeconds,
        int pollIntervalSeconds,
        int fullLoadTimeoutSeconds,
        int taskStartTimeoutSeconds,
        int snapshotWaitSeconds,
        int drainWaitSeconds,
        int verifyWaitSeconds,
        int parameterApplySeconds) {
}
