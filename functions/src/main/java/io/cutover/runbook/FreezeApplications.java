package io.cutover.runbook;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.failure.StepFailed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets applications FROZEN through the appmap: they hold their writes. Each entry remembers which
 * run froze it, so a thaw (or a rollback) only opens what its own run closed.
 */
public final class FreezeApplications {
    private final AppMap appMap;
    private final Clock clock;

    public FreezeApplications(AppMap appMap, Clock clock) {
        this.appMap = appMap;
        this.clock = clock;
    }

    /** @return the applications this call froze or that this run had already frozen */
    public Freeze freezeApplications(String runId, List<String> apps) {
        List<String> frozen = new ArrayList<>();
        for (String app : apps) {
            appMap.change(app, current -> {
                if (current.status() == AppStatus.FROZEN) {
                    if (runId.equals(current.frozenBy())) return null;
                    throw new StepFailed("application " + app + " is FROZEN by another run (" + current.frozenBy() + ")");
                }
                return current.frozenBy(runId);
            });
            frozen.add(app);
        }
        return new Freeze(frozen, false, clock.instant());
    }

    /** A runbook that keeps the applications writing (PostgreSQL no-freeze mode) records that it froze none. */
    public Freeze skipped() {
        return new Freeze(List.of(), true, clock.instant());
    }
}
