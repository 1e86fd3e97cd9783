package io.cutover.appmap;

import io.cutover.failure.StepFailed;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port: the appmap table. */
public interface AppMap {

    Optional<Application> get(String app);

    List<Application> list();

    /** Creates or replaces an entry (administration). Version starts at 1. */
    void put(Application app);

    /**
     * Writes a changed entry if nobody changed it since it was read.
     *
     * @param changed the new content; its version is the one that was read
     * @return the stored entry (version + 1)
     * @throws ConcurrentUpdateException if the stored version differs
     */
    Application update(Application changed);

    /**
     * Applies a change to an application's entry with optimistic locking: an entry changed in
     * between is read again and the change applied again, a few times.
     *
     * @param change the new entry from the current one; null for "nothing to do"
     * @return the stored entry, or null when the change had nothing to do
     */
    default Application change(String app, UnaryOperator<Application> change) {
        for (int attempt = 1; ; attempt++) {
            Application current = get(app).orElseThrow(() -> new StepFailed("application " + app + " has no appmap entry"));
            Application changed = change.apply(current);
            if (changed == null) return null;
            try {
                return update(changed);
            } catch (ConcurrentUpdateException e) {
                if (attempt >= 5) throw new StepFailed("appmap entry " + app + " kept changing under us", e);
            }
        }
    }
}
