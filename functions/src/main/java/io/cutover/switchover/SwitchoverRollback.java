package io.cutover.switchover;

import io.cutover.input.SwitchoverInput;
import io.cutover.runbook.FreezeApplications;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RouteApplications;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;

import java.util.ArrayList;
import java.util.List;

/**
 * The safe state after any failure: applications on the from-site again, open, the lock
 * released, the cause recorded. If they had already written on the to-site, they are frozen
 * again first and the from-site's sequences are set past the to-site's, so going back cannot
 * make ids collide. Nothing is deleted or stopped: both tasks keep running (the backward one
 * carries the to-site's last writes home); what the run created is named in the cause.
 */
public record SwitchoverRollback(FreezeApplications freeze, RouteApplications routing, SyncSequences sequences,
                                 ThawApplications thaw, RunRollback run) {
    /** Recorded before the thaw on the to-site: from then on the applications may have written there. */
    public static final String THAWED_ON_TO_SITE_AT = "thawedOnToSiteAt";


    public RolledBack rollBack(SwitchoverState state) {
        SwitchoverInput in = state.input();
        RunRollback.Failure failure = run.failure(state);
        boolean wroteOnTo = failure.recorded(THAWED_ON_TO_SITE_AT);
        String from = in.fromSite().name();
        String to = in.toSite().name();

        List<String> problems = new ArrayList<>();
        if (wroteOnTo) {
            try {
                freeze.freezeApplications(state.runId(), in.applications());
            } catch (RuntimeException e) {
                problems.add("could not freeze every application again (" + e.getMessage() + ")");
            }
        }
        List<String> routedBack = List.of();
        try {
            routedBack = routing.routeBack(in.applications(), from);
        } catch (RuntimeException e) {
            problems.add("could not route every application back to " + from + " (" + e.getMessage() + "); check the appmap");
        }
        boolean sequencesSafe = true;
        if (wroteOnTo) {
            try {
                sequences.sync(state, state.toConnection(), in.toSite().schema(), state.fromConnection(),
                        in.fromSite().schema(), to, from);
            } catch (RuntimeException e) {
                sequencesSafe = false;
                problems.add("sequences on " + from + " could not be set past " + to + "'s (" + e.getMessage()
                        + "): applications stay FROZEN - fix the sequences, then set them OPEN in the appmap");
            }
        }
        List<String> thawed = List.of();
        if (sequencesSafe) {
            try {
                thawed = thaw.thaw(state.runId(), in.applications());
            } catch (RuntimeException e) {
                problems.add("could not thaw every application (" + e.getMessage() + "); check the appmap");
            }
        }

        StringBuilder cause = failure.cause();
        cause.append(" Applications on ").append(from).append(" again (routed back: ")
                .append(routedBack.isEmpty() ? "none needed" : String.join(", ", routedBack)).append("; thawed: ")
                .append(thawed.isEmpty() ? "none" : String.join(", ", thawed)).append(").");
        if (state.freeze() == null && thawed.isEmpty()) {
            cause.append(" Nothing was frozen: the run failed before the freeze, the applications never held their writes.");
        }
        if (wroteOnTo) {
            cause.append(" They had written on ").append(to).append(" since ").append(failure.resources().get(THAWED_ON_TO_SITE_AT))
                    .append(": those writes reach ").append(from).append(" through the backward task ")
                    .append(in.backwardTaskIdentifier()).append(" - check it has applied them;")
                    .append(sequencesSafe ? " sequences on " + from + " were set past " + to + "'s." : "");
        }
        List<String> leftInPlace = failure.recordedOf(List.of(BackwardTaskSetup.BACKWARD_TASK.arnResource(), BackwardTaskSetup.BACKWARD_SLOT));
        if (!leftInPlace.isEmpty()) {
            cause.append(" Left in place (rollback deletes and stops nothing): ").append(String.join(", ", leftInPlace))
                    .append(" (a later switchover reuses them; to close the door instead, ./cleanup ").append(state.runId())
                    .append(" --stop-tasks --execute removes what this run made).");
        }
        cause.append(" The forward task ").append(in.forwardTaskIdentifier()).append(" was not touched.");
        for (String p : problems) cause.append(' ').append(p).append('.');

        return run.rolledBack(state, failure, cause.toString(), routedBack, thawed);
    }
}
