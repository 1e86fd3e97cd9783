package io.cutover.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;

/** Sample inputs with one field changed, as the tables of bad inputs describe them. */
public final class InputEdits {
    public static final String REMOVE = "REMOVE";

    private InputEdits() {
    }

    /** Sample events/{@code sample} with the field at JSON {@code pointer} set to {@code json}, or removed. */
    public static ObjectNode edited(String sample, String pointer, String json) {
        ObjectNode root = SampleEvents.load(sample);
        edit(root, pointer, json);
        return root;
    }

    public static void edit(ObjectNode root, String pointer, String json) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String field = pointer.substring(slash + 1);
        JsonNode value = json.equals(REMOVE) ? null : read(json);
        if (parent instanceof ObjectNode o) {
            if (value == null) o.remove(field);
            else o.set(field, value);
        } else if (parent instanceof ArrayNode a) {
            if (value == null) a.remove(Integer.parseInt(field));
            else a.set(Integer.parseInt(field), value);
        } else {
            throw new IllegalArgumentException("no object or array at " + pointer);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
