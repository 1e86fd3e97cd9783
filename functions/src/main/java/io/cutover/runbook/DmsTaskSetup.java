package io.cutover.runbook;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Setting up a DMS task, whatever the runbook: find or create it (once), start it (once), check
 * it runs. The start is recorded in the run item before StartReplicationTask, so a retried step
 * never starts a task twice: start-replication works once, a stopped task after our start is a
 * failure, not a retry.
 */
public final class DmsTaskSetup {

    /**
     * A task of a runbook: how messages name it ("CDC task") and its run item resources
     * ({@code <resource>Arn}, {@code <resource>StartRequestedAt}).
     */
    public record Task(String label, String resource) {
        public String arnResource() {
            return resource + "Arn";
        }

        public String startResource() {
            return resource + "StartRequestedAt";
        }
    }

    private final Replication replication;
    private final RunStore runs;
    private final Clock clock;

    public DmsTaskSetup(Replication replication, RunStore runs, Clock clock) {
        this.replication = replication;
        this.runs = runs;
        this.clock = clock;
    }

    /** The task made earlier (by this run's earlier attempt, or an earlier run), recorded in the run item. */
    public Optional<TaskDescription> find(String runId, Task task, String identifier) {
        Optional<TaskDescription> existing = replication.findTaskByIdentifier(identifier);
        existing.ifPresent(t -> runs.recordResource(runId, task.arnResource(), t.arn()));
        return existing;
    }

    public TaskDescription create(String runId, Task task, TaskSpec spec) {
        TaskDescription created = replication.createTask(spec);
        runs.recordResource(runId, task.arnResource(), created.arn());
        return created;
    }

    /**
     * StartReplicationTask (start-replication) once, for a task not yet started; a running one is
     * left alone; the state machine retries while the task is creating.
     *
     * @param cdcStartPosition where CDC starts; null: the position the task was created with
     *
     * @return the task's status ("starting" right after the start call)
     */
    public String start(String runId, Task task, String taskArn, String cdcStartPosition) {
        TaskDescription t = describe(task, taskArn);
        boolean requested = startRequestedAt(runId, task) != null;
        if (t.isRunning()) return t.status();
        if (t.isFailed()) throw new StepFailed(task.label() + " " + t.identifier() + " failed: " + t.lastFailureMessage());
        if ("ready".equals(t.status()) && !requested) {
            runs.recordResource(runId, task.startResource(), clock.instant().toString());
            replication.startTask(t.arn(), cdcStartPosition != null ? cdcStartPosition : t.cdcStartPosition());
            return "starting";
        }
        if (t.isStartable()) {
            throw new StepFailed(task.label() + " " + t.identifier() + " is " + t.status()
                    + (requested ? " after it was started" : "") + (t.stopReason() == null ? "" : " (" + t.stopReason() + ")"));
        }
        if ("creating".equals(t.status()) || "modifying".equals(t.status())) {
            throw new NotReadyYet(task.label() + " " + t.identifier() + " is " + t.status());
        }
        return t.status();
    }

    /** Polled until running: failed or stopped end the run, and so does the start timeout. @return the status */
    public String check(String runId, Task task, String taskArn, int startTimeoutSeconds) {
        TaskDescription t = describe(task, taskArn);
        if (t.isFailed() || "stopped".equals(t.status())) {
            throw new StepFailed(task.label() + " " + t.identifier() + " is " + t.status() + ": "
                    + (t.lastFailureMessage() != null ? t.lastFailureMessage() : t.stopReason()));
        }
        String started = startRequestedAt(runId, task);
        long waited = started == null ? 0 : Duration.between(Instant.parse(started), clock.instant()).toSeconds();
        if (!t.isRunning() && waited >= startTimeoutSeconds) {
            throw new StepFailed(task.label() + " " + t.identifier() + " still " + t.status() + " after " + waited + " s");
        }
        return t.status();
    }

    private String startRequestedAt(String runId, Task task) {
        return runs.run(runId).map(RunRecord::resources).map(r -> r.get(task.startResource())).orElse(null);
    }

    private TaskDescription describe(Task task, String taskArn) {
        return replication.describeTask(taskArn)
                .orElseThrow(() -> new StepFailed(task.label() + " " + taskArn + " does not exist"));
    }
}
