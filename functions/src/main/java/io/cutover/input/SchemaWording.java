package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns the validator's errors into problems a DBA reads: the field's JSON path, then what is
 * wrong in the schema's own words (its {@code errorMessage} annotation) or a plain default. One
 * problem per field: when several keywords fail on one field, the most telling is kept (a
 * credential-like name before "unknown field", a wrong type before a pattern).
 */
final class SchemaWording {
    private static final List<String> PRIORITY = List.of("propertyNames", "additionalProperties", "required", "type",
            "const", "enum", "not", "minLength", "maxLength", "pattern");

    private SchemaWording() {
    }

    static List<FieldProblems.Problem> problems(List<Error> errors, Function<String, JsonNode> schemaDocuments) {
        Map<FieldPath, Ranked> byPath = new LinkedHashMap<>();
        for (Error e : errors) {
            JsonNode enclosing = enclosingSchema(e.getSchemaLocation(), schemaDocuments);
            for (FieldProblems.Problem p : word(e, enclosing)) {
                int rank = rank(e.getKeyword(), enclosing, schemaDocuments);
                Ranked kept = byPath.get(p.path());
                if (kept == null || rank < kept.rank) byPath.put(p.path(), new Ranked(p, rank));
            }
        }
        return byPath.values().stream().map(Ranked::problem).sorted().toList();
    }

    private record Ranked(FieldProblems.Problem problem, int rank) {
    }

    private static int rank(String keyword, JsonNode enclosing, Function<String, JsonNode> documents) {
        if (enclosing == documents.apply(InputSchema.COMMON).at("/$defs/noCredentialFields")) return -1;
        int i = PRIORITY.indexOf(keyword);
        return i < 0 ? PRIORITY.size() : i;
    }

    private static List<FieldProblems.Problem> word(Error e, JsonNode schema) {
        FieldPath at = path(e.getInstanceLocation());
        JsonNode value = e.getInstanceNode() == null ? MissingNode.getInstance() : e.getInstanceNode();
        String keyword = e.getKeyword();
        String property = e.getProperty();
        String custom = custom(schema, keyword, property);
        return switch (keyword) {
            case "required" -> one(at.field(property), custom != null ? custom : "missing", value);
            case "additionalProperties" -> one(at.field(property), custom != null ? custom
                    : "unknown field (expected one of " + names(schema.path("properties")) + ")", value);
            case "propertyNames" -> one(at.field(property), custom != null ? custom : "is not an allowed field name", value);
            case "uniqueItems" -> duplicates(at, value, custom != null ? custom : "{value} is listed twice");
            default -> one(at, custom != null ? custom : standard(keyword, schema, value, e), value);
        };
    }

    /** The schema object whose keyword failed: its siblings word the error. */
    private static JsonNode enclosingSchema(SchemaLocation location, Function<String, JsonNode> documents) {
        if (location == null || location.getAbsoluteIri() == null) return MissingNode.getInstance();
        JsonNode node = documents.apply(location.getAbsoluteIri().toString());
        NodePath fragment = location.getFragment();
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            Object segment = fragment.getElement(i);
            node = segment instanceof Integer index ? node.path(index) : node.path(segment.toString());
        }
        return node;
    }

    /** errorMessage: one text for every keyword, or one per keyword (for required, one per property). */
    private static String custom(JsonNode schema, String keyword, String property) {
        JsonNode m = schema.path(InputSchema.ERROR_MESSAGE);
        if (m.isTextual()) return m.textValue();
        JsonNode k = m.path(keyword);
        if (k.isTextual()) return k.textValue();
        if (property != null && k.path(property).isTextual()) return k.path(property).textValue();
        return null;
    }

    private static String standard(String keyword, JsonNode schema, JsonNode value, Error e) {
        return switch (keyword) {
            case "type" -> "must be " + typeWords(schema.path("type"));
            case "enum" -> "{value} is not one of " + values(schema.path("enum"));
            case "const" -> "{value} must be " + schema.path("const");
            case "pattern" -> "{value} is not in the expected form";
            case "minLength" -> schema.path("minLength").asInt() <= 1 ? "must not be empty"
                    : "{value} is shorter than " + schema.path("minLength").asInt() + " characters";
            case "maxLength" -> "{value} is longer than " + schema.path("maxLength").asInt() + " characters";
            case "minimum", "maximum" -> schema.has("minimum") && schema.has("maximum")
                    ? "{value} is outside " + schema.get("minimum").asText() + ".." + schema.get("maximum").asText()
                    : keyword.equals("minimum") ? "{value} is below " + schema.path("minimum").asText()
                    : "{value} is above " + schema.path("maximum").asText();
            case "minItems" -> "must have at least " + schema.path("minItems").asInt() + " item(s)";
            case "maxItems" -> "has " + value.size() + " items; at most " + schema.path("maxItems").asInt() + " are allowed";
            case "minProperties" -> "must have at least " + schema.path("minProperties").asInt() + " field(s)";
            case "maxProperties" -> "has " + value.size() + " fields; at most " + schema.path("maxProperties").asInt()
                    + " are allowed";
            case "not", "false" -> "is not allowed here";
            default -> "is not valid (" + keyword + ")";
        };
    }

    private static List<FieldProblems.Problem> one(FieldPath path, String message, JsonNode value) {
        return List.of(new FieldProblems.Problem(path, message.replace("{value}", FieldProblems.quote(value))));
    }

    /** Each repeated item by its own index, so the DBA sees which one to remove. */
    private static List<FieldProblems.Problem> duplicates(FieldPath at, JsonNode array, String message) {
        List<FieldProblems.Problem> out = new ArrayList<>();
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!seen.add(array.get(i))) out.addAll(one(at.index(i), message, array.get(i)));
        }
        return out;
    }

    private static FieldPath path(NodePath location) {
        FieldPath p = FieldPath.ROOT;
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            Object segment = location.getElement(i);
            p = segment instanceof Integer index ? p.index(index) : p.field(segment.toString());
        }
        return p;
    }

    private static String typeWords(JsonNode type) {
        List<String> types = type.isArray()
                ? StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(type.asText());
        return types.stream().map(t -> switch (t) {
            case "object" -> "a JSON object";
            case "array" -> "an array";
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> t;
        }).collect(Collectors.joining(" or "));
    }

    private static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String values(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "));
    }
}
