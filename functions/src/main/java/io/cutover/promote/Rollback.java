package io.cutover.promote;

import io.cutover.probe.SlotRemoval;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.replication.TaskDescription;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The safe state after any failure: applications this run froze are open again (still on the
 * source), the lock is released, the cause is recorded. Nothing is promoted and the target
 * endpoint and task are left for an operator to decide about (named in the cause). Removed: the
 * run's logical slot and publication on the source when no task reads them - an unread slot
 * retains WAL on the production source - unless the input asks to keep them, and the run's own
 * source endpoint when no task uses it.
 */
public record Rollback(ThawApplications thaw, RunRollback run, SourceProbes probes, Replication replication) {

    public RolledBack rollBack(RunState state) {
        RunRollback.Failure failure = run.failure(state);
        List<String> problems = new ArrayList<>();
        List<String> thawed = List.of();
        try {
            thawed = thaw.thaw(state.runId(), state.input().applications());
        } catch (RuntimeException e) {
            problems.add("could not thaw every application (" + e.getMessage() + "); check the appmap");
        }

        StringBuilder cause = failure.cause();
        if (failure.recorded(ReplicaPromotion.REQUESTED)) {
            cause.append(" The replica ").append(state.input().replica().instanceId())
                    .append(" was promoted and is now a standalone instance: it no longer replicates from ")
                    .append(state.input().source().instanceId()).append('.');
        } else {
            cause.append(" The replica was not promoted and still replicates from the source.");
        }
        if (state.freeze() == null) {
            cause.append(" Nothing was frozen: the run failed before FreezeApplications, applications kept running on"
                    + " the source.");
        } else {
            cause.append(" Applications thawed on the source site: ").append(thawed.isEmpty() ? "none" : String.join(", ", thawed))
                    .append('.');
        }
        List<String> leftInPlace = failure.recordedOf(List.of("targetEndpointArn", "cdcTaskArn"));
        if (!leftInPlace.isEmpty()) {
            cause.append(" Left in place: ").append(String.join(", ", leftInPlace)).append(" (once the run has ended,")
                    .append(" ./cleanup ").append(state.runId()).append(" --stop-tasks --execute removes them).");
        }
        String taskArn = cdcTask(state.runId(), failure.resources().get("cdcTaskArn"));
        if (failure.recorded(PositionCapture.LOGICAL_SLOT)) {
            cause.append(' ').append(slotCleanup(state, failure.resources().get(PositionCapture.LOGICAL_SLOT), taskArn));
        }
        if (failure.recorded(ResourceNames.SOURCE_ENDPOINT)) {
            cause.append(' ').append(sourceEndpointCleanup(failure.resources().get(ResourceNames.SOURCE_ENDPOINT), taskArn));
        }
        for (String p : problems) cause.append(' ').append(p).append('.');
        return run.rolledBack(state, failure, cause.toString(), List.of(), thawed);
    }

    /**
     * The run's CDC task: as recorded, or - when CreateCdcTask failed between creating it and
     * recording it - found by the name the run gives it, so the endpoint and slot it uses are
     * not removed under it. Null when there is none (or DMS cannot say: then DeleteEndpoint
     * itself refuses an endpoint a task uses, and the cause says so).
     */
    private String cdcTask(String runId, String recorded) {
        if (recorded != null) return recorded;
        try {
            return replication.findTaskByIdentifier(ResourceNames.cdcTaskId(runId)).map(TaskDescription::arn).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The run's own source endpoint goes while no task uses it (DMS refuses to delete an endpoint
     * a task uses); otherwise it is named for the operator.
     */
    private String sourceEndpointCleanup(String endpointArn, String taskArn) {
        String byHand = "aws dms delete-endpoint --endpoint-arn " + endpointArn;
        try {
            if (taskArn != null && replication.describeTask(taskArn).isPresent()) {
                return "The run's source endpoint " + endpointArn + " is kept: the CDC task " + taskArn + " uses it; after"
                        + " deleting the task: " + byHand + ".";
            }
            replication.deleteEndpoint(endpointArn);
            return "Deleted the run's own source endpoint " + endpointArn + ": no task uses it.";
        } catch (RuntimeException e) {
            return "Could not delete the run's source endpoint " + endpointArn + " (" + e.getMessage() + "): " + byHand + ".";
        }
    }

    /**
     * Drops the run's slot and publication unless a task reads them or the input keeps them; says
     * which. A task that was created but never started (status ready) reads nothing.
     */
    private String slotCleanup(RunState state, String slot, String taskArn) {
        String publication = ResourceNames.publicationName(state.runId());
        String byHand = "SELECT pg_drop_replication_slot('" + slot + "'); DROP PUBLICATION " + publication + ";";
        if (state.input().dms().keepSlotOnRollback()) {
            return "The logical slot " + slot + " and publication " + publication + " are kept on the source, as"
                    + " dms.keepSlotOnRollback asks; an unread slot retains WAL, drop them when done: " + byHand;
        }
        if (taskArn != null) {
            try {
                Optional<TaskDescription> task = replication.describeTask(taskArn);
                if (task.isPresent() && !"ready".equals(task.get().status())) {
                    return "The logical slot " + slot + " and publication " + publication + " are kept: the CDC task "
                            + task.get().identifier() + " (" + task.get().status() + ") reads them; after deleting the"
                            + " task, drop them: " + byHand;
                }
            } catch (RuntimeException e) {
                return "The logical slot " + slot + " and publication " + publication + " are kept: whether the CDC task"
                        + " reads them could not be checked (" + e.getMessage() + "); if not, drop them: " + byHand;
            }
        }
        if (state.instances() == null) {
            return "The logical slot " + slot + " and publication " + publication + " could not be dropped (the source's"
                    + " address is unknown): " + byHand;
        }
        try {
            SlotRemoval removal = probes.forEngine(state.engine()).dropLogicalSlot(state.sourceConnection(), slot, publication);
            return switch (removal.outcome()) {
                case DROPPED -> "Dropped the logical slot " + slot + " and publication " + publication
                        + " on the source: no task reads them, and an unread slot retains WAL.";
                case IN_USE -> "The logical slot " + slot + " is kept: session pid " + removal.readerPid()
                        + " reads it; once it is not needed: " + byHand;
                case ABSENT -> "The logical slot " + slot + " was not on the source; publication " + publication + " dropped.";
            };
        } catch (RuntimeException e) {
            return "Could not drop the logical slot " + slot + " and publication " + publication + " on the source ("
                    + e.getMessage() + "); drop them by hand, an unread slot retains WAL: " + byHand;
        }
    }
}
