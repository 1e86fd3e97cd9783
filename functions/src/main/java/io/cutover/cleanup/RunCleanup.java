package io.cutover.cleanup;

import io.cutover.cleanup.Removal.Action;
import io.cutover.cleanup.Removal.Kind;
import io.cutover.instance.Engine;
import io.cutover.migrate.validation.Pause;
import io.cutover.probe.DbConnection;
import io.cutover.probe.SlotLocation;
import io.cutover.probe.SlotRemoval;
import io.cutover.probe.SlotUse;
import io.cutover.probe.SourceProbes;
import io.cutover.promote.ResourceNames;
import io.cutover.replication.EndpointDescription;
import io.cutover.replication.ManagedTags;
import io.cutover.replication.PostgresSlotSettings;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removes what a run created - DMS tasks, endpoints, the logical slot and publication - once
 * nothing reads them: the by-hand runbooks' "stop the task first or the tear-down times out".
 * Plans first (read-only); carries a plan out only when nothing in it is refused. Touches only
 * what the run made: tasks and endpoints tagged with its run id, the slot its run item names.
 * Running it again after a partial failure finishes the job; after a complete one it does nothing.
 */
public record RunCleanup(RunStore runs, Replication replication, SourceProbes probes, Pause pause) {
    /** DMS task states in which a task reads nothing and DeleteReplicationTask is accepted. */
    private static final Set<String> IDLE = Set.of("ready", "stopped", "failed", "failed-move");

    /**
     * How long to wait for DMS: polls of DescribeReplicationTasks every {@code interval}, at most
     * {@code limit} for the tasks to stop and again for them to be gone.
     */
    public record Waiting(Duration interval, Duration limit) {
        public Waiting {
            if (interval.isNegative() || interval.isZero() || limit.compareTo(interval) < 0) {
                throw new IllegalArgumentException("waiting: interval " + interval + " must be positive and within limit " + limit);
            }
        }

        long polls() {
            return Math.max(1, limit.toMillis() / interval.toMillis());
        }
    }

    /** Read-only: what the run created, whether it is the run's own, who reads it, what would be done. */
    public CleanupPlan plan(String runId, boolean stopTasks) {
        RunRecord run = runs.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in the runs table"));
        Map<String, String> resources = run.resources();
        List<Removal> removals = new ArrayList<>();

        List<TaskDescription> tasks = new ArrayList<>();
        Set<String> taskArns = new LinkedHashSet<>();
        for (String arn : recorded(resources, "TaskArn")) taskArns.add(arn);
        // Created but not recorded (the step failed between the two calls): found by the name the run gives it.
        replication.findTaskByIdentifier(ResourceNames.cdcTaskId(runId)).ifPresent(t -> taskArns.add(t.arn()));
        for (String arn : taskArns) {
            Optional<TaskDescription> task = replication.describeTask(arn);
            task.ifPresent(tasks::add);
            removals.add(task.map(t -> planTask(runId, t, stopTasks)).orElseGet(() -> absent(Kind.TASK, arn)));
        }
        Set<String> going = new LinkedHashSet<>();
        removals.stream().filter(r -> r.kind() == Kind.TASK && r.action().acts()).forEach(r -> going.add(r.id()));

        Set<String> endpointArns = new LinkedHashSet<>(recorded(resources, "EndpointArn"));
        replication.findEndpointByIdentifier(ResourceNames.sourceEndpointId(runId)).ifPresent(e -> endpointArns.add(e.arn()));
        replication.findEndpointByIdentifier(ResourceNames.targetEndpointId(runId)).ifPresent(e -> endpointArns.add(e.arn()));
        Map<String, List<TaskDescription>> slotReaders = new LinkedHashMap<>();
        for (String arn : endpointArns) {
            Optional<EndpointDescription> endpoint = replication.describeEndpoint(arn);
            if (endpoint.isEmpty()) {
                removals.add(absent(Kind.ENDPOINT, arn));
                continue;
            }
            List<TaskDescription> users = replication.tasksUsingEndpoint(arn);
            replication.postgresSlotSettings(arn).map(PostgresSlotSettings::slotName).filter(s -> s != null)
                    .ifPresent(slot -> slotReaders.computeIfAbsent(slot, s -> new ArrayList<>()).addAll(users));
            removals.add(planEndpoint(runId, endpoint.get(), users, going));
        }

        for (RecordedSlot slot : RecordedSlot.of(run)) {
            removals.add(planSlot(run, slot, slotReaders.getOrDefault(slot.name(), List.of()), going, stopTasks));
        }

        String refusal = run.status() == RunStatus.RUNNING
                ? "run " + runId + " is still RUNNING (at " + run.currentStep() + "): its state machine may use what it made;"
                        + " clean up once it has ended (SUCCEEDED or ROLLED_BACK)"
                : null;
        return new CleanupPlan(runId, run.runbook(), String.valueOf(run.status()), stopTasks, removals, refusal);
    }

    /** Carries out a plan that refuses nothing: stop and wait, delete tasks and wait, endpoints, slot. */
    public CleanupOutcome execute(CleanupPlan plan, Waiting waiting) {
        if (plan.refused()) {
            throw new IllegalStateException("the clean-up of run " + plan.runId() + " is refused; nothing was changed");
        }
        List<String> done = new ArrayList<>();
        try {
            List<Removal> tasks = plan.of(Kind.TASK).stream().filter(r -> r.action().acts()).toList();
            for (Removal t : tasks) {
                if (t.action() == Action.STOP_AND_DELETE) done.add(stop(t, waiting));
            }
            for (Removal t : tasks) done.add(delete(t));
            if (!tasks.isEmpty()) done.add(awaitGone(tasks, waiting));
            for (Removal e : plan.of(Kind.ENDPOINT)) {
                if (!e.action().acts()) continue;
                replication.deleteEndpoint(e.id());
                done.add("deleted endpoint " + e.name());
            }
            List<Removal> slots = plan.of(Kind.SLOT).stream().filter(r -> r.action().acts()).toList();
            if (!slots.isEmpty()) {
                // Where each slot is: the run item, read once for all of them.
                RunRecord run = runs.run(plan.runId()).orElseThrow();
                for (Removal s : slots) done.add(drop(run, s));
            }
            return new CleanupOutcome(done, null);
        } catch (RuntimeException e) {
            return new CleanupOutcome(done, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Removal planTask(String runId, TaskDescription t, boolean stopTasks) {
        Map<String, String> tags = replication.tags(t.arn());
        if (!ManagedTags.madeBy(tags, runId)) {
            return new Removal(Kind.TASK, t.arn(), t.identifier(), t.status(), false, notTagged(tags, runId), List.of(),
                    Action.KEEP_NOT_OURS, "not this run's: left alone");
        }
        String created = tagged(runId);
        if (IDLE.contains(t.status()) || "deleting".equals(t.status())) {
            return new Removal(Kind.TASK, t.arn(), t.identifier(), t.status(), true, created, List.of(), Action.DELETE,
                    "deleting".equals(t.status()) ? "already deleting: waited for" : "reads nothing");
        }
        List<String> readers = List.of("itself: " + t.status() + (t.isRunning() ? " (CDC in progress)" : ""));
        return stopTasks
                ? new Removal(Kind.TASK, t.arn(), t.identifier(), t.status(), true, created, readers, Action.STOP_AND_DELETE,
                        "stopped and waited for, then deleted")
                : new Removal(Kind.TASK, t.arn(), t.identifier(), t.status(), true, created, readers, Action.REFUSE,
                        "DMS refuses to delete a running task: stop it first (--stop-tasks stops it and waits)");
    }

    private Removal planEndpoint(String runId, EndpointDescription e, List<TaskDescription> users, Set<String> going) {
        Map<String, String> tags = replication.tags(e.arn());
        String status = e.status() == null ? "-" : e.status();
        if (!ManagedTags.madeBy(tags, runId)) {
            return new Removal(Kind.ENDPOINT, e.arn(), e.identifier(), status, false, notTagged(tags, runId),
                    List.of(), Action.KEEP_NOT_OURS, "not this run's: left alone");
        }
        List<String> staying = users.stream().filter(u -> !going.contains(u.arn()))
                .map(u -> "task " + u.identifier() + " (" + u.status() + ")").toList();
        if (!staying.isEmpty()) {
            return new Removal(Kind.ENDPOINT, e.arn(), e.identifier(), status, true, tagged(runId), staying,
                    Action.REFUSE, "DMS refuses to delete an endpoint a task uses: delete the task first");
        }
        return new Removal(Kind.ENDPOINT, e.arn(), e.identifier(), status, true, tagged(runId),
                users.stream().map(u -> "task " + u.identifier() + " (deleted first)").toList(), Action.DELETE,
                users.isEmpty() ? "no task uses it" : "after its tasks are gone");
    }

    private Removal planSlot(RunRecord run, RecordedSlot recorded, List<TaskDescription> readingTasks, Set<String> going,
                             boolean stopTasks) {
        String slot = recorded.name();
        String created = "the run item records it (" + recorded.resource() + ")";
        String publication = recorded.publication();
        String byHand = "SELECT pg_drop_replication_slot('" + slot + "'); DROP PUBLICATION IF EXISTS " + publication + ";";
        Engine engine = Engine.parse(run.engine());
        Optional<DbConnection> source = SlotLocation.recorded(run.resources(), engine, recorded.resource());
        if (source.isEmpty()) {
            return new Removal(Kind.SLOT, slot, slot + " (source not recorded)", "unknown", true, created, List.of(), Action.BY_HAND,
                    "the run item does not say which server it is on (a run older than the clean-up); on the source: " + byHand);
        }
        String where = slot + " on " + SlotLocation.address(source.get());
        SlotUse use = probes.forEngine(engine).logicalSlotUse(source.get(), slot);
        if (!use.exists()) {
            return new Removal(Kind.SLOT, slot, where, "absent", true, created, List.of(), Action.NOTHING, "not on the source");
        }
        List<String> readers = new ArrayList<>();
        boolean stays = false;
        for (TaskDescription t : readingTasks) {
            boolean goes = going.contains(t.arn());
            stays |= !goes;
            readers.add("task " + t.identifier() + " (" + t.status() + (goes ? ", deleted first" : "") + ")");
        }
        if (use.active()) readers.add("session pid " + use.readerPid());
        String status = use.active() ? "active" : "inactive";
        if (stays) {
            return new Removal(Kind.SLOT, slot, where, status, true, created, readers, Action.REFUSE,
                    "a task that stays reads it: delete the task first" + (stopTasks ? "" : " (--stop-tasks)"));
        }
        if (use.active() && readingTasks.isEmpty()) {
            return new Removal(Kind.SLOT, slot, where, status, true, created, readers, Action.REFUSE,
                    "a session that is no task of this run reads it (an active slot cannot be dropped): end it first");
        }
        return new Removal(Kind.SLOT, slot, where, status, true, created, readers, Action.DROP,
                "slot and publication " + publication + " dropped once no task reads them (an unread slot retains WAL)");
    }

    /** Stops a running task (once) and polls until it is stopped, within the limit. */
    private String stop(Removal task, Waiting waiting) {
        boolean stopRequested = false;
        for (long poll = 0; poll <= waiting.polls(); poll++) {
            Optional<TaskDescription> t = replication.describeTask(task.id());
            if (t.isEmpty() || IDLE.contains(t.get().status())) {
                return "stopped task " + task.name() + (t.isEmpty() ? " (already gone)" : " (" + t.get().status() + ")");
            }
            if (t.get().isRunning() && !stopRequested) {
                replication.stopTask(task.id());
                stopRequested = true;
            }
            if (poll < waiting.polls()) sleep(waiting.interval());
        }
        throw new IllegalStateException("task " + task.name() + " did not stop within " + waiting.limit().toSeconds()
                + " s; nothing after it was deleted: run the clean-up again to finish");
    }

    private String delete(Removal task) {
        Optional<TaskDescription> t = replication.describeTask(task.id());
        if (t.isEmpty()) return "task " + task.name() + " already gone";
        if (!"deleting".equals(t.get().status())) replication.deleteTask(task.id());
        return "deleting task " + task.name();
    }

    /** DeleteReplicationTask returns at once; the endpoints can go only once the tasks are gone. */
    private String awaitGone(List<Removal> tasks, Waiting waiting) {
        for (long poll = 0; poll <= waiting.polls(); poll++) {
            List<String> left = tasks.stream().filter(t -> replication.describeTask(t.id()).isPresent()).map(Removal::name).toList();
            if (left.isEmpty()) return "task(s) gone: " + String.join(", ", tasks.stream().map(Removal::name).toList());
            if (poll < waiting.polls()) sleep(waiting.interval());
        }
        throw new IllegalStateException("task(s) still deleting after " + waiting.limit().toSeconds()
                + " s; their endpoints and slot were kept: run the clean-up again to finish");
    }

    private String drop(RunRecord run, Removal slot) {
        Engine engine = Engine.parse(run.engine());
        RecordedSlot recorded = RecordedSlot.of(run).stream().filter(r -> r.name().equals(slot.id())).findFirst().orElseThrow();
        DbConnection source = SlotLocation.recorded(run.resources(), engine, recorded.resource()).orElseThrow();
        SlotRemoval removal = probes.forEngine(engine).dropLogicalSlot(source, slot.id(), recorded.publication());
        return switch (removal.outcome()) {
            case DROPPED -> "dropped " + slot.name() + " and publication " + recorded.publication();
            case ABSENT -> "slot " + slot.id() + " was already gone; publication dropped";
            case IN_USE -> throw new IllegalStateException("slot " + slot.id() + " is read by session pid " + removal.readerPid()
                    + " after the tasks were deleted; it was kept: end that session and run the clean-up again");
        };
    }

    private void sleep(Duration d) {
        try {
            pause.pause(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DMS");
        }
    }

    /** Run item resources ending in the suffix ("TaskArn", "EndpointArn"), in a stable order. */
    private static List<String> recorded(Map<String, String> resources, String suffix) {
        return resources.entrySet().stream().filter(e -> e.getKey().endsWith(suffix) && e.getValue() != null
                        && e.getValue().startsWith("arn:"))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    private static Removal absent(Kind kind, String arn) {
        return new Removal(kind, arn, arn, "absent", true, "the run item records it", List.of(), Action.NOTHING, "already gone");
    }

    private static String tagged(String runId) {
        return "tagged " + ManagedTags.MANAGED + "=true, " + ManagedTags.RUN_ID + "=" + runId;
    }

    private static String notTagged(Map<String, String> tags, String runId) {
        String other = tags.get(ManagedTags.RUN_ID);
        if ("true".equals(tags.get(ManagedTags.MANAGED)) && other != null) return "made by run " + other + ", not " + runId;
        return "not tagged " + ManagedTags.RUN_ID + "=" + runId + " (made outside cutover)";
    }
}
