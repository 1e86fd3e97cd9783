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
 * Freezes and thaws applications through the appmap. Each entry remembers which run froze it,
 * so a thaw (or a rollback) only opens what its own run closed. Optimistic locking: an entry
 * changed in between is re-read and the change applied again.
 */
public final class FreezeApplications {
    private static final int ATTEMPTS = 5;
    private final AppMap appMap;

    public FreezeApplications(AppMap appMap) {
        this.appMap = appMap;
    }

    /** @return the applications this call froze or that this run had already frozen */
    public List<String> freeze(String runId, List<String> apps) {
        List<String> frozen = new ArrayList<>();
        for (String app : apps) {
            change(app, current -> {
                if (current.status() == AppStatus.FROZEN) {
                    if (runId.equals(current.frozenBy())) return null;
                    throw new StepFailed("application " + app + " is FROZEN by another run (" + current.frozenBy() + ")");
                }
                return current.frozenBy(runId);
            });
            frozen.add(app);
        }
        return frozen;
    }

    /** Opens the applications this run froze; leaves others alone. @return the ones opened */
    public List<String> thaw(String runId, List<String> apps) {
        List<String> thawed = new ArrayList<>();
        for (String app : apps) {
            Application after = change(app, current ->
                    current.status() == AppStatus.FROZEN && runId.equals(current.frozenBy()) ? current.thawed() : null);
            if (after != null) thawed.add(app);
        }
        return thawed;
    }

    /** Applies a change with re-read on conflict. The change returns null for "nothing to do". */
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
