package io.cutover.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One AWS service's API model as AWS publishes it (the C2J JSON of the
 * {@code com.amazonaws:aws-java-sdk-models} artifact: shapes with required members, enums,
 * patterns and lengths), and the check of a request against it: required members present, no
 * unknown member, enum values, patterns, string lengths, list sizes and number ranges. JSON
 * protocol bodies are checked as they are; Query protocol forms (RDS) are first read back into
 * the operation's input shape, which names any parameter the shape does not have.
 */
public record ApiModel(String uid, JsonNode metadata, JsonNode operations, JsonNode shapes) {
    private static final Map<String, ApiModel> LOADED = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** @param uid the model's uid, e.g. "dms-2016-01-01" */
    public static ApiModel load(String uid) {
        return LOADED.computeIfAbsent(uid, u -> {
            String resource = "/models/" + u + "-model.json";
            try (InputStream in = ApiModel.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("no AWS API model " + resource + " on the test classpath");
                JsonNode model = Json.mapper().readTree(in);
                return new ApiModel(u, model.path("metadata"), model.path("operations"), model.path("shapes"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** X-Amz-Target prefix of JSON protocol services (e.g. "AmazonDMSv20160101"); empty for Query. */
    public String targetPrefix() {
        return metadata.path("targetPrefix").asText("");
    }

    public String apiVersion() {
        return metadata.path("apiVersion").asText();
    }

    /** The problems of a JSON protocol request body for the operation; empty if it fits the model. */
    public List<String> checkJson(String operation, JsonNode body) {
        List<String> problems = new ArrayList<>();
        JsonNode op = operations.get(operation);
        if (op == null) {
            problems.add(uid + ": no operation " + operation);
            return problems;
        }
        String input = op.path("input").path("shape").asText(null);
        if (input != null) check(input, body == null ? NODES.objectNode() : body, operation, problems);
        return problems;
    }

    /** The problems of a Query protocol request (form with Action and Version); empty if it fits. */
    public List<String> checkQuery(Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        String operation = form.get("Action");
        if (!apiVersion().equals(form.get("Version"))) {
            problems.add(uid + ": Version is " + form.get("Version") + ", the model's is " + apiVersion());
        }
        JsonNode op = operation == null ? null : operations.get(operation);
        if (op == null) {
            problems.add(uid + ": no operation " + operation);
            return problems;
        }
        Map<String, Object> tree = new TreeMap<>();
        form.forEach((key, value) -> {
            if (!key.equals("Action") && !key.equals("Version")) put(tree, key.split("\\."), 0, value);
        });
        String input = op.path("input").path("shape").asText(null);
        if (input == null) {
            if (!tree.isEmpty()) problems.add(operation + ": takes no parameters, got " + tree.keySet());
            return problems;
        }
        check(input, fromQuery(input, tree, operation, problems), operation, problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] parts, int i, String value) {
        if (i == parts.length - 1) {
            tree.put(parts[i], value);
            return;
        }
        Object child = tree.computeIfAbsent(parts[i], k -> new TreeMap<String, Object>());
        if (child instanceof Map<?, ?> map) put((Map<String, Object>) map, parts, i + 1, value);
    }

    /** Reads a Query protocol subtree back into the JSON form of a shape (typed leaves). */
    @SuppressWarnings("unchecked")
    private JsonNode fromQuery(String shapeName, Object value, String path, List<String> problems) {
        JsonNode shape = shapes.path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                ObjectNode out = NODES.objectNode();
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + ": a structure " + shapeName + " sent as a single value");
                    return out;
                }
                for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                    String member = memberBySerializedName(shape, e.getKey());
                    if (member == null) {
                        problems.add(path + "." + e.getKey() + ": not a member of " + shapeName);
                        continue;
                    }
                    String memberShape = shape.path("members").path(member).path("shape").asText();
                    out.set(member, fromQuery(memberShape, e.getValue(), path + "." + member, problems));
                }
                return out;
            }
            case "list" -> {
                ArrayNode out = NODES.arrayNode();
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + ": a list sent as a single value");
                    return out;
                }
                Object items = map;
                if (!shape.path("flattened").asBoolean(false)) {
                    String itemName = shape.path("member").path("locationName").asText("member");
                    items = map.get(itemName);
                    if (items == null) {
                        // An empty list is sent as "Name=" (no items).
                        if (!map.isEmpty()) problems.add(path + ": list items not under ." + itemName + " (got " + map.keySet() + ")");
                        return out;
                    }
                }
                String memberShape = shape.path("member").path("shape").asText();
                Map<String, Object> byIndex = (Map<String, Object>) items;
                List<Integer> indexes = new ArrayList<>();
                for (String k : byIndex.keySet()) {
                    try {
                        indexes.add(Integer.parseInt(k));
                    } catch (NumberFormatException ex) {
                        problems.add(path + "." + k + ": not a list index");
                    }
                }
                indexes.sort(null);
                for (int i = 0; i < indexes.size(); i++) {
                    if (indexes.get(i) != i + 1) problems.add(path + ": list indexes are not 1.." + indexes.size());
                    out.add(fromQuery(memberShape, byIndex.get(String.valueOf(indexes.get(i))), path + "[" + i + "]", problems));
                }
                return out;
            }
            default -> {
                if (!(value instanceof String text)) {
                    problems.add(path + ": a " + type + " sent as a structure");
                    return NODES.nullNode();
                }
                return switch (type) {
                    case "integer", "long" -> {
                        try {
                            yield NODES.numberNode(Long.parseLong(text));
                        } catch (NumberFormatException ex) {
                            problems.add(path + ": '" + text + "' is not an " + type);
                            yield NODES.nullNode();
                        }
                    }
                    case "boolean" -> {
                        if (!text.equals("true") && !text.equals("false")) problems.add(path + ": '" + text + "' is not a boolean");
                        yield NODES.booleanNode(Boolean.parseBoolean(text));
                    }
                    default -> NODES.textNode(text);
                };
            }
        }
    }

    private static String memberBySerializedName(JsonNode structure, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = structure.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (m.getValue().path("locationName").asText(m.getKey()).equals(name)) return m.getKey();
        }
        return null;
    }

    private void check(String shapeName, JsonNode value, String path, List<String> problems) {
        JsonNode shape = shapes.get(shapeName);
        if (shape == null) {
            problems.add(path + ": the model has no shape " + shapeName);
            return;
        }
        if (value == null || value.isNull()) return; // absence is judged by the parent's required list
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + ": must be a structure " + shapeName);
                    return;
                }
                for (JsonNode required : shape.path("required")) {
                    JsonNode v = value.get(required.asText());
                    if (v == null || v.isNull()) problems.add(path + "." + required.asText() + ": required member missing");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode member = shape.path("members").get(e.getKey());
                    if (member == null) {
                        problems.add(path + "." + e.getKey() + ": not a member of " + shapeName);
                    } else {
                        check(member.path("shape").asText(), e.getValue(), path + "." + e.getKey(), problems);
                    }
                }
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + ": must be a list");
                    return;
                }
                range(shape, value.size(), path, "items", problems);
                for (int i = 0; i < value.size(); i++) {
                    check(shape.path("member").path("shape").asText(), value.get(i), path + "[" + i + "]", problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(path + ": must be a map");
                    return;
                }
                range(shape, value.size(), path, "entries", problems);
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    check(shape.path("key").path("shape").asText(), NODES.textNode(e.getKey()), path + " key", problems);
                    check(shape.path("value").path("shape").asText(), e.getValue(), path + "." + e.getKey(), problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": must be a string");
                    return;
                }
                String text = value.textValue();
                if (shape.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    shape.path("enum").forEach(v -> allowed.add(v.asText()));
                    if (!allowed.contains(text)) problems.add(path + ": '" + text + "' is not one of " + allowed + " (" + shapeName + ")");
                }
                if (shape.has("pattern") && !Pattern.compile(shape.path("pattern").asText()).matcher(text).find()) {
                    problems.add(path + ": '" + text + "' does not match " + shape.path("pattern").asText());
                }
                range(shape, text.codePointCount(0, text.length()), path, "characters", problems);
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": must be an " + type);
                    return;
                }
                range(shape, value.longValue(), path, "", problems);
            }
            case "double", "float" -> {
                if (!value.isNumber()) problems.add(path + ": must be a number");
            }
            case "boolean" -> {
                if (!value.isBoolean()) problems.add(path + ": must be true or false");
            }
            case "timestamp" -> {
                if (!value.isNumber() && !value.isTextual()) problems.add(path + ": must be a timestamp");
            }
            case "blob" -> {
                if (!value.isTextual()) problems.add(path + ": must be base64 text");
            }
            default -> problems.add(path + ": shape type " + type + " is not checked here");
        }
    }

    private static void range(JsonNode shape, long n, String path, String unit, List<String> problems) {
        if (shape.has("min") && n < shape.path("min").asLong()) {
            problems.add(path + ": " + n + (unit.isEmpty() ? "" : " " + unit) + ", at least " + shape.path("min").asLong());
        }
        if (shape.has("max") && n > shape.path("max").asLong()) {
            problems.add(path + ": " + n + (unit.isEmpty() ? "" : " " + unit) + ", at most " + shape.path("max").asLong());
        }
    }
}
