package io.cutover.runbook;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.ConcurrentUpdateException;
import io.cutover.failure.StepFailed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Points applications at a site through their appmap entries (optimistic locking, re-read on
 * conflict). Routing happens only while this run holds them frozen: an application writing
 * while it moves would split its writes over two sites mid-stream.
 */
public final class RouteApplications {
    private static final int ATTEMPTS = 5;
    private final AppMap appMap;

    public RouteApplications(AppMap appMap) {
        this.appMap = appMap;
    }

    /** @return the applications now on {@code site} */
    public List<String> route(String runId, List<String> apps, String site) {
        List<String> routed = new ArrayList<>();
        for (String app : apps) {
            change(app, current -> {
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
        return routed;
    }

    /** Rollback: back to {@code site} whatever the status (the caller froze what may write). @return those moved */
    public List<String> routeBack(List<String> apps, String site) {
        List<String> moved = new ArrayList<>();
        for (String app : apps) {
            Application after = change(app, current -> site.equals(current.activeSite()) ? null : current.routedTo(site));
            if (after != null) moved.add(app);
        }
        return moved;
    }

    private Application change(String app, UnaryOperator<Application> change) {
        for (int attempt = 1; ; attempt++) {
            Application current = appMap.get(app)
                    .orElseThrow(() -> new StepFailed("application " + app + " has no appmap entry"));
            Application changed = change.apply(current);
            if (changed == null) return null;
            try {
                return appMap.update(changed);
            } catch (ConcurrentUpdateException e) {
                if (attempt >= ATTEMPTS) throw new StepFailed("appmap entry " + app + " kept changing under us", e);
            }
        }
    }
}
