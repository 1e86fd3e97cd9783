package io.cutover.appmap.admin;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.failure.StepFailed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Appmap administration: load validated entries, list, show. A load never touches an entry a
 * run holds FROZEN (it would undo that run's freeze or routing), and keeps the status of entries
 * it updates: loading changes where applications can go, not whether they may write.
 */
public final class AppMapAdmin {
    private final AppMap appMap;

    public AppMapAdmin(AppMap appMap) {
        this.appMap = appMap;
    }

    public record Loaded(String app, String outcome) {
    }

    /** Every entry is checked before any is written: all or nothing for FROZEN conflicts. */
    public List<Loaded> load(List<Application> entries) {
        List<String> frozen = new ArrayList<>();
        for (Application a : entries) {
            appMap.get(a.name()).filter(current -> current.status() == AppStatus.FROZEN)
                    .ifPresent(current -> frozen.add(a.name() + " is FROZEN by run " + current.frozenBy()));
        }
        if (!frozen.isEmpty()) {
            throw new StepFailed("nothing loaded: " + String.join("; ", frozen)
                    + " (wait for the run to end, or roll it back)");
        }
        List<Loaded> out = new ArrayList<>();
        for (Application a : entries) {
            Optional<Application> current = appMap.get(a.name());
            if (current.isEmpty()) {
                appMap.put(a);
                out.add(new Loaded(a.name(), "created"));
            } else if (current.get().sites().equals(a.sites()) && current.get().activeSite().equals(a.activeSite())) {
                out.add(new Loaded(a.name(), "unchanged"));
            } else {
                Application c = current.get();
                appMap.update(new Application(c.name(), a.sites(), a.activeSite(), c.status(), c.frozenBy(), c.version()));
                out.add(new Loaded(a.name(), "updated"));
            }
        }
        return out;
    }

    public List<Application> list() {
        return appMap.list().stream().sorted(Comparator.comparing(Application::name)).toList();
    }

    public Optional<Application> show(String app) {
        return appMap.get(app);
    }
}
