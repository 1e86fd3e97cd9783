package io.cutover.status;

import io.cutover.appmap.Application;
import io.cutover.appmap.Site;

import java.util.Map;
import java.util.TreeMap;

/**
 * An application's appmap entry as the status shows it.
 *
 * @param sites       site name -> host:port/database (no secrets)
 * @param involvement why it is shown: named by the caller, or a site on the source or replica
 */
public record AppEntry(
        String name,
        String status,
        String activeSite,
        String frozenBy,
        long version,
        Map<String, String> sites,
        String involvement) {

    public static AppEntry of(Application app, String involvement) {
        Map<String, String> sites = new TreeMap<>();
        for (Map.Entry<String, Site> e : app.sites().entrySet()) {
            Site s = e.getValue();
            sites.put(e.getKey(), s.host() + ":" + s.port() + "/" + s.database());
        }
        return new AppEntry(app.name(), app.status().name(), app.activeSite(), app.frozenBy(), app.version(), sites,
                involvement);
    }
}
