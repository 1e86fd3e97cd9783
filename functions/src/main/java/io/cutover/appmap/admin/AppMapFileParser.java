package io.cutover.appmap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.failure.InvalidInput;
import io.cutover.input.FieldProblems;
import io.cutover.input.InputSchema;
import io.cutover.instance.Engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an appmap load file (docs/schemas/appmap.schema.json; sample events/appmap-sample.json):
 * the schema checks the structure, this adds the rules a schema cannot state (names unique,
 * activeSite one of the entry's sites) and names every bad item at once, so nothing half-valid
 * reaches the table the applications read.
 */
public final class AppMapFileParser {

    private AppMapFileParser() {
    }

    /** @throws InvalidInput naming every bad item and field */
    public static List<Application> parse(JsonNode file) {
        JsonNode in = Objects.requireNonNullElse(file, MissingNode.getInstance());
        FieldProblems problems = FieldProblems.check(InputSchema.APPMAP, in);
        JsonNode apps = in.path("applications");
        Map<String, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            JsonNode name = apps.path(i).path("name");
            Integer first = name.isTextual() ? firstAt.putIfAbsent(name.textValue(), i) : null;
            if (first != null) {
                problems.add("applications[" + i + "].name", FieldProblems.quote(name) + " is listed twice (first at applications["
                        + first + "])");
            }
            JsonNode active = apps.path(i).path("activeSite");
            JsonNode sites = apps.path(i).path("sites");
            if (active.isTextual() && sites.isObject() && !sites.isEmpty() && !sites.has(active.textValue())) {
                List<String> names = new ArrayList<>();
                sites.fieldNames().forEachRemaining(names::add);
                problems.add("applications[" + i + "].activeSite", "no such site " + FieldProblems.quote(active)
                        + " (the sites of " + FieldProblems.quote(name) + " are " + String.join(", ", names) + ")");
            }
        }
        problems.throwIfAny();
        List<Application> out = new ArrayList<>();
        apps.forEach(a -> out.add(application(a)));
        return out;
    }

    private static Application application(JsonNode a) {
        Map<String, Site> sites = new LinkedHashMap<>();
        a.get("sites").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            sites.put(e.getKey(), new Site(e.getKey(), Engine.parse(s.get("engine").textValue()), s.get("host").textValue(),
                    s.get("port").asInt(), s.get("database").textValue(), s.get("secretArn").textValue()));
        });
        return new Application(a.get("name").textValue(), sites, a.get("activeSite").textValue(), AppStatus.OPEN, null, 0);
    }
}
