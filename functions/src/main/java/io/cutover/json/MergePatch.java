package io.cutover.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7386), exactly as its section 2 defines it: a patch that is an object
 * merges member by member, a member whose value is {@code null} removes that member, and any
 * other patch (an array, a string, a number, {@code null}) replaces the target whole. No library
 * on the class path implements it (Jackson's {@code readerForUpdating} keeps nulls as values and
 * merges into arrays' containers), and the algorithm is the RFC's ten lines.
 */
public final class MergePatch {
    private MergePatch() {
    }

    /**
     * The result of applying {@code patch} to {@code target}; neither argument is changed.
     *
     * @param target the document (Java null: none, as for a member the target lacks)
     * @param patch  the merge patch, a JSON value (JSON null is {@code NullNode}, not Java null)
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null) throw new IllegalArgumentException("a merge patch is a JSON value; JSON null is NullNode");
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
