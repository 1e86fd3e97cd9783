package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.failure.InvalidInput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks every start-input parser makes, collecting a problem per bad field (named by its
 * path) instead of stopping at the first, so a DBA fixes the input once.
 */
final class FieldProblems {
    static final Pattern APP_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    private final List<String> problems = new ArrayList<>();

    void add(String problem) {
        problems.add(problem);
    }

    /** @throws InvalidInput naming every problem found, if any */
    void throwIfAny() {
        if (!problems.isEmpty()) throw new InvalidInput(problems);
    }

    void unknownFields(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) problems.add(prefix + f + ": unknown field (expected one of " + known + ")");
        }
    }

    boolean requireObject(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            problems.add(field + ": missing");
            return false;
        }
        if (!node.isObject()) {
            problems.add(field + ": must be an object");
            return false;
        }
        return true;
    }

    String requiredText(JsonNode parent, String path, String name, Pattern pattern, String patternMessage) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            problems.add(path + ": missing");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            problems.add(path + ": must be a non-empty string");
            return null;
        }
        if (!pattern.matcher(v.textValue()).matches()) {
            problems.add(path + ": '" + v.textValue() + "' is " + patternMessage);
            return null;
        }
        return v.textValue();
    }

    String optionalText(JsonNode parent, String name, String dflt) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) {
            problems.add(name + ": must be a string");
            return dflt;
        }
        return v.textValue();
    }

    /**
     * The applications of a run: a non-empty array of distinct appmap names.
     *
     * @param verb what the run does with them ("freeze", "move"), for the message
     */
    List<String> applicationNames(JsonNode node, String verb) {
        List<String> apps = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add("applications: missing (the appmap entries to " + verb + ", e.g. [\"orders-api\"])");
            return apps;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add("applications: must be a non-empty array of application names");
            return apps;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode a = node.get(i);
            if (!a.isTextual() || !APP_NAME.matcher(a.textValue()).matches()) {
                problems.add("applications[" + i + "]: not a valid application name");
            } else if (!seen.add(a.textValue())) {
                problems.add("applications[" + i + "]: '" + a.textValue() + "' is listed twice");
            } else {
                apps.add(a.textValue());
            }
        }
        return apps;
    }

    /** A limit in whole seconds within [min, max]; the default when absent. */
    int boundedSeconds(JsonNode limits, String name, int dflt, int min, int max) {
        JsonNode v = limits.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isIntegralNumber()) {
            problems.add("limits." + name + ": must be a whole number of seconds");
            return dflt;
        }
        long value = v.longValue();
        if (value < min || value > max) {
            problems.add("limits." + name + ": " + value + " is outside " + min + ".." + max + " seconds");
            return dflt;
        }
        return (int) value;
    }
}
