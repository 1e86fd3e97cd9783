package io.cutover.appmap;

import java.util.Map;

/**
 * An application's appmap entry: its sites, which one is active, whether it may write.
 *
 * @param frozenBy the run that froze it (so a rollback thaws only what its run froze)
 * @param version  optimistic-locking counter, bumped by every update
 */
public record Application(
        String name,
        Map<String, Site> sites,
        String activeSite,
        AppStatus status,
        String frozenBy,
        long version) {

    public Application {
        sites = Map.copyOf(sites);
    }

    public Site active() {
        return sites.get(activeSite);
    }

    public Application frozenBy(String runId) {
        return new Application(name, sites, activeSite, AppStatus.FROZEN, runId, version);
    }

    public Application thawed() {
        return new Application(name, sites, activeSite, AppStatus.OPEN, null, version);
    }

    public Application routedTo(String site) {
        return new Application(name, sites, site, status, frozenBy, version);
    }
}
