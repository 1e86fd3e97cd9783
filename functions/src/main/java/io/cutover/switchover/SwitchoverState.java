package io.cutover.switchover;

import io.cutover.input.SiteRef;
import io.cutover.input.SwitchoverInput;
import io.cutover.instance.Engine;
import io.cutover.probe.DbConnection;
import io.cutover.runbook.ExecutionState;
import io.cutover.runbook.Freeze;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.Routing;
import io.cutover.runbook.RunStarted;
import io.cutover.runbook.RunSubject;
import io.cutover.runbook.StepError;
import io.cutover.runbook.Thaw;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The execution state of a switchover ($ in the state machine): the validated input plus one
 * section per step that has run. Each step returns the state with its own section set;
 * {@code error} is written by the state machine's Catch.
 */
public record SwitchoverState(
        String runId,
        SwitchoverInput input,
        RunStarted run,
        Preflight preflight,
        Latency latency,
        Freeze freeze,
        Drain drain,
        Sequences sequences,
        Role role,
        BackwardTask backward,
        Routing routing,
        Thaw thaw,
        Verify verify,
        Result result,
        StepError error,
        RolledBack rollback) implements ExecutionState {

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

    /** @param kept replica settings left because cutover did not make them */
    public record Role(boolean applicable, String before, String after, List<String> reset, List<String> kept) {
    }

    /**
     * @param created  this run created the task (false: it existed, e.g. from an earlier switchover)
     * @param position CDC start position (PostgreSQL LSN / Oracle SCN) when this run created it
     */
    public record BackwardTask(String taskArn, String taskIdentifier, String status, boolean created,
                               String position, String slotName) {
    }

    public record Verify(boolean verified, String sentinelId, Long heartbeatId, double seconds, int checks,
                         Instant firstCheckedAt) {
    }

    /** Section {@code result}: what is where now, and how long each phase took. */
    public record Result(String status, String direction, String activeSite, String forwardTask, String backwardTask,
                         boolean backwardTaskCreated, Double forwardLatencySeconds, Double drainSeconds,
                         int sequencesAdvanced, Double freezeWindowSeconds, Double backwardFlowSeconds) {
    }

    /** The result of this switchover, once every step has succeeded. */
    public Result succeeded() {
        return new Result("SUCCEEDED", input.direction().name(), input.toSite().name(), input.forwardTaskIdentifier(),
                input.backwardTaskIdentifier(), backward != null && backward.created(),
                latency == null ? null : latency.seconds(), drain == null ? null : drain.seconds(),
                sequences == null ? 0 : sequences.advanced(), thaw == null ? null : thaw.freezeWindowSeconds(),
                verify == null ? null : verify.seconds());
    }

    /** One run per pair, whatever the direction. */
    @Override
    public String lockId() {
        return input.lockId();
    }

    @Override
    public RunSubject subject() {
        return new RunSubject("switchover", input.fromSite().name() + " " + input.fromSite().address(),
                input.toSite().name() + " " + input.toSite().address(), engine().name().toLowerCase(),
                Map.of("direction", input.direction().name()));
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
