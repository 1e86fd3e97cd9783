package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.failure.InvalidInput;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks every start-input parser makes, collecting a problem per bad field (named by its
 * path) instead of stopping at the first, so a DBA fixes the input once.
 */
final class FieldProblems {
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
