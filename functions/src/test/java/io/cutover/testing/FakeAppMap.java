package io.cutover.testing;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.instance.Engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The appmap in memory, for unit tests of single use cases (DynamoAppMap has its own tests). */
public final class FakeAppMap implements AppMap {
    private final Map<String, Application> apps = new TreeMap<>();

    /** An OPEN application on SITEA, for each name. */
    public static FakeAppMap open(String... names) {
        FakeAppMap map = new FakeAppMap();
        for (String name : names) {
            map.put(new Application(name, Map.of("SITEA", new Site("SITEA", Engine.POSTGRES, "h", 5432, "orders",
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf")), "SITEA", AppStatus.OPEN, null, 0));
        }
        return map;
    }

    @Override
    public synchronized Optional<Application> get(String app) {
        return Optional.ofNullable(apps.get(app));
    }

    @Override
    public synchronized List<Application> list() {
        return List.copyOf(apps.values());
    }

    @Override
    public synchronized void put(Application app) {
        apps.put(app.name(), app);
    }

    @Override
    public synchronized Application update(Application changed) {
        Application next = new Application(changed.name(), changed.sites(), changed.activeSite(), changed.status(),
                changed.frozenBy(), changed.version() + 1);
        apps.put(changed.name(), next);
        return next;
    }
}
