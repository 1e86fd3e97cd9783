package io.cutover.runbook;

import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStore;
import io.cutover.waiting.Poll;

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
public record DmsTaskSetup(Replication replication, RunStore runs, Clock clock) {
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

    /** In-call checks: the first pause, and the longest (DescribeReplicationTasks at most once a second). */
    static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

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
        return start(runId, task, taskArn, cdcStartPosition, runs.run(runId));
    }

    /** As {@link #start(String, Task, String, String)}, with the run item the caller has just read. */
    public String start(String runId, Task task, String taskArn, String cdcStartPosition, Optional<RunRecord> run) {
        TaskDescription t = describe(task, taskArn);
        boolean requested = run.map(r -> r.resources().get(task.startResource())).isPresent();
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
        return check(runId, task, taskArn, startTimeoutSeconds, Duration.ZERO);
    }

    /**
     * As {@link #check(String, Task, String, int)}, asking DMS again within this call while the task
     * is not running yet, for at most {@code inCall} (pauses from {@link #FIRST_PAUSE} doubling up to
     * {@link #LONGEST_PAUSE}): a task that runs within moments is seen then, not after the state
     * machine's next Wait state, whole seconds later - what a step inside the freeze must not add.
     *
     * @return the status last seen ("running", or what it still is when {@code inCall} is spent)
     */
    public String check(String runId, Task task, String taskArn, int startTimeoutSeconds, Duration inCall) {
        String started = startRequestedAt(runId, task); // written once, before the start: read once
        String[] status = new String[1];
        Poll.until(inCall, FIRST_PAUSE, LONGEST_PAUSE, () -> {
            TaskDescription t = describe(task, taskArn);
            if (t.isFailed() || "stopped".equals(t.status())) {
                throw new StepFailed(task.label() + " " + t.identifier() + " is " + t.status() + ": "
                        + (t.lastFailureMessage() != null ? t.lastFailureMessage() : t.stopReason()));
            }
            long waited = started == null ? 0 : Duration.between(Instant.parse(started), clock.instant()).toSeconds();
            if (!t.isRunning() && waited >= startTimeoutSeconds) {
                throw new StepFailed(task.label() + " " + t.identifier() + " still " + t.status() + " after " + waited + " s");
            }
            status[0] = t.status();
            return t.isRunning();
        });
        return status[0];
    }

    private String startRequestedAt(String runId, Task task) {
        return runs.run(runId).map(RunRecord::resources).map(r -> r.get(task.startResource())).orElse(null);
    }

    private TaskDescription describe(Task task, String taskArn) {
        return replication.describeTask(taskArn)
                .orElseThrow(() -> new StepFailed(task.label() + " " + taskArn + " does not exist"));
    }
}
