package io.cutover.dms.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where DMS reads each task setting: the section -> key structure of a ReplicationTaskSettings
 * document, as the DMS User Guide's task settings pages document it (resource
 * {@code dms/task-settings-layout.json} names the pages). DMS ignores a key it does not expect in a
 * section without an error - {@code BatchApplyEnabled} under {@code ChangeProcessingTuning} leaves
 * batch apply as it was - so settings the product writes, and settings a user gives, are checked
 * against it before any API call.
 */
public final class TaskSettingsLayout {
    private static final TaskSettingsLayout DMS = load("/dms/task-settings-layout.json");

    private final Map<String, Set<String>> sections;
    private final Map<String, String> sectionOfKey;
    private final Set<String> topLevelValues;

    private TaskSettingsLayout(Map<String, Set<String>> sections, Set<String> topLevelValues) {
        this.sections = sections;
        this.topLevelValues = topLevelValues;
        this.sectionOfKey = new LinkedHashMap<>();
        sections.forEach((section, keys) -> keys.forEach(key -> sectionOfKey.putIfAbsent(key, section)));
    }

    /** The layout of DMS's documented task settings. */
    public static TaskSettingsLayout dms() {
        return DMS;
    }

    /** The section DMS reads the key in; empty if the key is not a documented setting. */
    public Optional<String> sectionOf(String key) {
        return Optional.ofNullable(sectionOfKey.get(key));
    }

    /**
     * Every key that is not where DMS reads it: unknown sections, keys in the wrong section, keys
     * no section has, sections that are not objects.
     *
     * @param path how the settings are named in messages (e.g. "dms.taskSettings")
     */
    public List<String> problems(JsonNode settings, String path) {
        List<String> problems = new ArrayList<>();
        if (settings == null || !settings.isObject()) {
            problems.add(path + ": must be an object of DMS task settings sections");
            return problems;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String at = path + "." + name;
            if (topLevelValues.contains(name)) continue;
            Set<String> keys = sections.get(name);
            if (keys == null) {
                problems.add(sectionOf(name)
                        .map(s -> at + ": is a setting of section " + s + ", not a section (write it as "
                                + path + "." + s + "." + name + ")")
                        .orElse(at + ": not a DMS task settings section (sections: " + String.join(", ", sections.keySet())
                                + ")"));
                continue;
            }
            if (!e.getValue().isObject()) {
                problems.add(at + ": must be an object (a DMS task settings section)");
                continue;
            }
            for (Iterator<String> keyIt = e.getValue().fieldNames(); keyIt.hasNext(); ) {
                String key = keyIt.next();
                if (keys.contains(key)) continue;
                problems.add(sectionOf(key)
                        .map(s -> at + "." + key + ": DMS reads " + key + " in " + s + ", not in " + name
                                + " (here it would be ignored)")
                        .orElse(at + "." + key + ": not a DMS task setting of " + name + " (DMS would ignore it)"));
            }
        }
        return problems;
    }

    private static TaskSettingsLayout load(String resource) {
        try (InputStream in = TaskSettingsLayout.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            JsonNode root = Json.mapper().readTree(in);
            Map<String, Set<String>> sections = new LinkedHashMap<>();
            root.path("sections").fields().forEachRemaining(e -> {
                Set<String> keys = new LinkedHashSet<>();
                e.getValue().forEach(k -> keys.add(k.asText()));
                sections.put(e.getKey(), Set.copyOf(keys));
            });
            Set<String> top = new LinkedHashSet<>();
            root.path("topLevelValues").forEach(k -> top.add(k.asText()));
            return new TaskSettingsLayout(sections, top);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
