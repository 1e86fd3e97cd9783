package io.cutover.dynamo;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.instance.Engine;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Appmap items: one per application, sites as a map by site name. Applications read these
 * items themselves, so the shape is plain: engine as "postgres"/"oracle", port as a number.
 */
final class ApplicationItems {

    static final String SITES = "sites";
    static final String ACTIVE_SITE = "activeSite";
    static final String STATUS = "status";
    static final String FROZEN_BY = "frozenBy";
    static final String VERSION = "version";

    private static final String ENGINE = "engine";
    private static final String HOST = "host";
    private static final String PORT = "port";
    private static final String DATABASE = "database";
    private static final String SECRET_ARN = "secretArn";

    private ApplicationItems() {
    }

    static Map<String, AttributeValue> key(String app) {
        return Map.of(Tables.APPMAP_PK, AttributeValue.fromS(app));
    }

    /** The item for an entry, stored with the given version. Sites are keyed by their map key. */
    static Map<String, AttributeValue> toItem(Application app, long version) {
        return new ItemBuilder()
                .string(Tables.APPMAP_PK, app.name())
                .map(SITES, app.sites().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> toAttribute(e.getValue()))))
                .string(ACTIVE_SITE, app.activeSite())
                .string(STATUS, app.status().name())
                .string(FROZEN_BY, app.frozenBy())
                .number(VERSION, version)
                .build();
    }

    private static AttributeValue toAttribute(Site site) {
        return new ItemBuilder()
                .string(ENGINE, site.engine().name().toLowerCase(Locale.ROOT))
                .string(HOST, site.host())
                .number(PORT, site.port())
                .string(DATABASE, site.database())
                .string(SECRET_ARN, site.secretArn())
                .buildMap();
    }

    static Application fromItem(Map<String, AttributeValue> item) {
        AttributeValue name = item.get(Tables.APPMAP_PK);
        ItemReader r = new ItemReader("appmap entry " + (name == null ? "(no name)" : name.s()), item);
        Map<String, Site> sites = r.map(SITES).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> site(e.getKey(), r.nested("site " + e.getKey(), e.getValue()))));
        return new Application(
                r.string(Tables.APPMAP_PK),
                sites,
                r.string(ACTIVE_SITE),
                r.parsed(STATUS, AppStatus::valueOf),
                r.optionalString(FROZEN_BY),
                r.number(VERSION));
    }

    private static Site site(String name, ItemReader site) {
        return new Site(
                name,
                site.parsed(ENGINE, Engine::parse),
                site.string(HOST),
                Math.toIntExact(site.number(PORT)),
                site.optionalString(DATABASE),
                site.optionalString(SECRET_ARN));
    }
}
