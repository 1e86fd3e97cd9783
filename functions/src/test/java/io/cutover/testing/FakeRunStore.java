package io.cutover.testing;

import io.cutover.run.LockHeldException;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;
import io.cutover.run.StepEvent;
import io.cutover.run.Waiter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs table in memory, for unit tests of single use cases (the DynamoDB adapter has its own
 * tests on DynamoDB Local). A run item appears on first use.
 */
public final class FakeRunStore implements RunStore {
    private final Map<String, RunRecord> runs = new HashMap<>();
    private final Map<String, String> locks = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    @Override
    public synchronized void createRun(RunRecord run) {
        runs.putIfAbsent(run.runId(), run);
    }

    @Override
    public synchronized Optional<RunRecord> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    private RunRecord item(String runId) {
        return runs.computeIfAbsent(runId, id -> new RunRecord(id, "promote-replica", null, null, null, RunStatus.RUNNING,
                null, null, Map.of(), List.of(), null, Instant.EPOCH, Instant.EPOCH));
    }

    private void put(RunRecord r, String step, String position, Map<String, String> resources, List<StepEvent> history,
                     RunStatus status, String cause) {
        runs.put(r.runId(), new RunRecord(r.runId(), r.runbook(), r.sourceId(), r.replicaId(), r.engine(), status, step,
                position, resources, history, cause, r.createdAt(), Instant.now()));
    }

    @Override
    public synchronized void recordSteps(String runId, List<StepEvent> events) {
        RunRecord r = item(runId);
        List<StepEvent> history = new ArrayList<>(r.history());
        history.addAll(events);
        put(r, events.getLast().step(), r.position(), r.resources(), history, r.status(), r.cause());
    }

    @Override
    public synchronized void recordResources(String runId, Map<String, String> recorded) {
        if (recorded.isEmpty()) throw new IllegalArgumentException("no resources to record for run " + runId);
        RunRecord r = item(runId);
        Map<String, String> resources = new HashMap<>(r.resources());
        resources.putAll(recorded);
        put(r, r.currentStep(), r.position(), resources, r.history(), r.status(), r.cause());
    }

    @Override
    public synchronized void recordPosition(String runId, String position) {
        RunRecord r = item(runId);
        put(r, r.currentStep(), position, r.resources(), r.history(), r.status(), r.cause());
    }

    @Override
    public synchronized void finish(String runId, RunStatus status, String cause) {
        RunRecord r = item(runId);
        put(r, r.currentStep(), r.position(), r.resources(), r.history(), status, cause);
    }

    @Override
    public synchronized void acquireLock(String sourceId, String runId) {
        String holder = locks.putIfAbsent(sourceId, runId);
        if (holder != null && !holder.equals(runId)) throw new LockHeldException(sourceId, holder);
    }

    @Override
    public synchronized boolean releaseLock(String sourceId, String runId) {
        return locks.remove(sourceId, runId);
    }

    @Override
    public synchronized Optional<String> lockHolder(String sourceId) {
        return Optional.ofNullable(locks.get(sourceId));
    }

    @Override
    public synchronized void saveWaiter(Waiter waiter) {
        waiters.removeIf(w -> w.resourceId().equals(waiter.resourceId()) && w.kind() == waiter.kind()
                && w.runId().equals(waiter.runId()));
        waiters.add(waiter);
    }

    @Override
    public synchronized List<Waiter> waiters(String resourceId) {
        return waiters.stream().filter(w -> w.resourceId().equals(resourceId)).toList();
    }

    @Override
    public synchronized boolean removeWaiter(Waiter waiter) {
        return waiters.remove(waiter);
    }
}
