package io.cutover.runbook;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.failure.StepFailed;
import io.cutover.run.RunStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Points applications at a site through their appmap entries (optimistic locking, re-read on
 * conflict). Routing happens only while this run holds them frozen: an application writing
 * while it moves would split its writes over two sites mid-stream.
 */
public record RouteApplications(AppMap appMap, RunStore runs, Clock clock) {
    /** Run item resource recorded before the appmap changes: a rollback must know the applications may have moved. */
    public static final String ROUTED_AT = "routedAt";


    /** @return the applications now on {@code site} */
    public Routing routeApplications(String runId, List<String> apps, String site) {
        runs.recordResource(runId, ROUTED_AT, clock.instant().toString());
        List<String> routed = new ArrayList<>();
        for (String app : apps) {
            appMap.change(app, current -> {
                if (current.status() != AppStatus.FROZEN || !runId.equals(current.frozenBy())) {
                    throw new StepFailed("application " + app + " is " + current.status()
                            + (current.frozenBy() == null ? "" : " by " + current.frozenBy())
                            + ", not FROZEN by this run: it is not routed while it may write");
                }
                if (!current.sites().containsKey(site)) {
                    throw new StepFailed("application " + app + " has no site " + site + " in the appmap");
                }
                return site.equals(current.activeSite()) ? null : current.routedTo(site);
            });
            routed.add(app);
        }
        return new Routing(routed, site, clock.instant());
    }

    /** Rollback: back to {@code site} whatever the status (the caller froze what may write). @return those moved */
    public List<String> routeBack(List<String> apps, String site) {
        List<String> moved = new ArrayList<>();
        for (String app : apps) {
            Application after = appMap.change(app, current -> site.equals(current.activeSite()) ? null : current.routedTo(site));
            if (after != null) moved.add(app);
        }
        return moved;
    }
}
