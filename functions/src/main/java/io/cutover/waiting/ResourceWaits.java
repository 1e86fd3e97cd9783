package io.cutover.waiting;

import io.cutover.instance.DatabaseInstances;
import io.cutover.instance.InstanceDescription;
import io.cutover.json.Json;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.run.RunStore;
import io.cutover.run.Waiter;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Events wake, Describe decides. A waiting step registers its task token under the resource id;
 * any event for that resource (or the step itself, right after registering) describes the
 * resource and completes the token only when the described state says so. Removing the waiter
 * is conditional, so of two concurrent deciders exactly one completes the token.
 */
public record ResourceWaits(DatabaseInstances instances, Replication replication, RunStore runs,
                            TaskCallbacks callbacks, Clock clock) {

    /** Registers the waiter, then decides at once: the resource may already be there. */
    public WaitOutcome register(Waiter waiter) {
        runs.saveWaiter(waiter);
        return decide(waiter);
    }

    /** An RDS or DMS event named this resource: decide every waiter on it. @return waiters completed */
    public int onResourceEvent(String resourceId) {
        List<Waiter> waiters = runs.waiters(resourceId);
        int completed = 0;
        for (Waiter w : waiters) {
            if (decide(w).state() != WaitOutcome.State.PENDING) completed++;
        }
        return completed;
    }

    private WaitOutcome decide(Waiter waiter) {
        WaitOutcome outcome = describe(waiter);
        if (outcome.state() == WaitOutcome.State.PENDING) return outcome;
        if (!runs.removeWaiter(waiter)) {
            return WaitOutcome.pending("already completed by another event");
        }
        if (outcome.state() == WaitOutcome.State.DONE) {
            callbacks.succeed(waiter.taskToken(), Json.write(new ResourceReady(waiter.resourceId(), waiter.kind().name(),
                    outcome.detail(), clock.instant())));
        } else {
            callbacks.fail(waiter.taskToken(), "ResourceFailed", outcome.detail());
        }
        return outcome;
    }

    /** The decision itself, from Describe only. */
    public WaitOutcome describe(Waiter waiter) {
        return switch (waiter.kind()) {
            case PROMOTION_COMPLETE -> promotion(waiter.resourceId());
            case TASK_RUNNING -> taskRunning(waiter.resourceId());
        };
    }

    private WaitOutcome promotion(String instanceId) {
        Optional<InstanceDescription> d = instances.describe(instanceId);
        if (d.isEmpty()) return WaitOutcome.failed("instance " + instanceId + " no longer exists");
        InstanceDescription i = d.get();
        if (i.isPromotionComplete()) return WaitOutcome.done(instanceId + " is available and standalone");
        return WaitOutcome.pending(instanceId + " is " + i.status() + (i.isReplica() ? ", still a replica" : ""));
    }

    private WaitOutcome taskRunning(String taskArn) {
        Optional<TaskDescription> d = replication.describeTask(taskArn);
        if (d.isEmpty()) return WaitOutcome.failed("task " + taskArn + " no longer exists");
        TaskDescription t = d.get();
        if (t.isRunning()) return WaitOutcome.done(t.identifier() + " is running");
        if (t.isFailed()) return WaitOutcome.failed("task " + t.identifier() + " failed: " + t.lastFailureMessage());
        if ("stopped".equals(t.status())) {
            return WaitOutcome.failed("task " + t.identifier() + " stopped: " + t.stopReason());
        }
        return WaitOutcome.pending(t.identifier() + " is " + t.status());
    }
}
