package io.cutover.switchover;

import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;

import java.time.Instant;
import java.util.List;

/**
 * The execution state of a switchover ($ in the state machine): the validated input plus one
 * section per step that has run. Each step returns the state with its own section set.
 */
public record SwitchoverState(
        String runId,
        SwitchoverInput input,
        Preflight preflight,
        Latency latency,
        Freeze freeze,
        Drain drain,
        Sequences sequences,
        Role role,
        BackwardTask backward,
        Routing routing,
        Thaw thaw,
        Verify verify) {

    /** @param forwardTaskArn the running task from-site -> to-site */
    public record Preflight(String forwardTaskArn, String backwardTaskArn, String backwardTaskStatus,
                            List<String> notes) {
    }

    /**
     * @param ok      the last sentinel arrived within the limit
     * @param seconds how long it took to arrive (or how long it was waited for, when it did not)
     */
    public record Latency(boolean ok, double seconds, String sentinelId, int checks, Instant firstCheckedAt) {
    }

    public record Freeze(List<String> frozen, Instant at) {
    }

    /**
     * @param heartbeatBaseline newest heartbeat id written on the to-site before the switch (0: none);
     *                          the verification waits for one above it
     */
    public record Drain(boolean drained, String sentinelId, Instant writtenAt, double seconds, int checks,
                        Long heartbeatBaseline) {
    }

    public record SequenceChange(String name, long fromNext, long toNextBefore, long toNextAfter, boolean advanced) {
    }

    public record Sequences(List<SequenceChange> changes, int advanced) {
    }

    public record Role(boolean applicable, String before, String after, List<String> reset) {
    }

    /**
     * @param created  this run created the task (false: it existed, e.g. from an earlier switchover)
     * @param position CDC start position (PostgreSQL LSN / Oracle SCN) when this run created it
     */
    public record BackwardTask(String taskArn, String taskIdentifier, String status, boolean created,
                               String position, String slotName) {
    }

    public record Routing(List<String> routed, String toSite, Instant at) {
    }

    public record Thaw(List<String> thawed, Instant at, double freezeWindowSeconds) {
    }

    public record Verify(boolean verified, String sentinelId, Long heartbeatId, double seconds, int checks,
                         Instant firstCheckedAt) {
    }

    public Engine engine() {
        return input.engine();
    }

    public DbConnection fromConnection() {
        return connection(input.fromSite());
    }

    public DbConnection toConnection() {
        return connection(input.toSite());
    }

    public DbConnection connection(SiteRef site) {
        return new DbConnection(input.engine(), site.host(), site.port(), site.database(), site.secretArn());
    }
}
