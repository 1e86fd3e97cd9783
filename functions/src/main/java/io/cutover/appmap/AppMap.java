package io.cutover.appmap;

import java.util.List;
import java.util.Optional;

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
}
