package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import io.cutover.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The JSON Schemas (2020-12) of what a DBA writes: each runbook's start input and the appmap load
 * file. They are the files of docs/schemas/, which the build copies onto the classpath, so the
 * schema a DBA's editor reads is the one the first state enforces. A runbook adds its schema file
 * and one constant here.
 */
public enum InputSchema {
    PROMOTE_REPLICA("promote-replica", "input"),
    SWITCHOVER("switchover", "input"),
    MIGRATE("migrate", "input"),
    APPMAP("appmap", "appmap file");

    static final String LOCATION = "classpath:io/cutover/input/schemas/";
    static final String COMMON = LOCATION + "common.schema.json";
    /** Our annotation that words a keyword's error; see docs/schemas/common.schema.json. */
    static final String ERROR_MESSAGE = "errorMessage";
    /** Levels of nesting a document may have; DMS task settings and table mappings use fewer than 10. */
    public static final int MAX_DEPTH = 20;

    private final String file;
    private final String documentName;

    InputSchema(String name, String documentName) {
        this.file = LOCATION + name + ".schema.json";
        this.documentName = documentName;
    }

    /** How problems name the document itself ("input: must be a JSON object"). */
    public String documentName() {
        return documentName;
    }

    /**
     * Every structural problem of a document, one per field, named by path and in path order. A
     * document nested deeper than {@link #MAX_DEPTH} is refused before the validator walks it
     * (its recursion would overflow the stack long before Jackson's own limit of 1000 levels).
     */
    public List<FieldProblems.Problem> problems(JsonNode document) {
        JsonNode doc = document == null || document.isMissingNode() ? NullNode.getInstance() : document;
        FieldPath tooDeep = tooDeep(doc);
        if (tooDeep != null) {
            return List.of(new FieldProblems.Problem(tooDeep, "nested deeper than " + MAX_DEPTH + " levels"
                    + " (DMS documents need fewer than 10); not checked further"));
        }
        return SchemaWording.problems(Loaded.SCHEMAS.get(this).validate(doc), Loaded::schemaDocument);
    }

    /** The branch (its first three fields) holding an object or array deeper than MAX_DEPTH, or null. */
    private static FieldPath tooDeep(JsonNode doc) {
        record At(JsonNode node, FieldPath path) {
        }
        Deque<At> todo = new ArrayDeque<>(List.of(new At(doc, FieldPath.ROOT)));
        while (!todo.isEmpty()) {
            At at = todo.pop();
            if (at.path().segments().size() >= MAX_DEPTH) {
                return new FieldPath(at.path().segments().subList(0, 3));
            }
            if (at.node().isObject()) {
                at.node().fields().forEachRemaining(f -> todo.push(new At(f.getValue(), at.path().field(f.getKey()))));
            } else if (at.node().isArray()) {
                for (int i = 0; i < at.node().size(); i++) todo.push(new At(at.node().get(i), at.path().index(i)));
            }
        }
        return null;
    }

    /**
     * The object at {@code field} of a document this schema has passed, each absent property set to
     * the schema's "default", read as a {@code type} (the defaults have one copy: the schema).
     */
    <T> T withDefaults(JsonNode document, String field, Class<T> type) {
        ObjectNode filled = Json.mapper().createObjectNode();
        Loaded.schemaDocument(file).path("properties").path(field).path("properties").fields()
                .forEachRemaining(p -> filled.set(p.getKey(), p.getValue().get("default")));
        document.path(field).fields().forEachRemaining(f -> filled.set(f.getKey(), f.getValue()));
        return Json.mapper().convertValue(filled, type);
    }

    /** Text that looks like it holds a credential: never quoted back in a message. */
    static boolean looksLikeCredential(String text) {
        return Loaded.CREDENTIAL_TEXT.matcher(text).find();
    }

    /** Loaded once per container (SnapStart snapshots it with the rest of the init). */
    private static final class Loaded {
        private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
        private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(
                Dialect.builder(Dialects.getDraft202012()).keyword(new AnnotationKeyword(ERROR_MESSAGE)).build());
        private static final Map<InputSchema, Schema> SCHEMAS = new ConcurrentHashMap<>();
        private static final Pattern CREDENTIAL_TEXT = Pattern.compile(
                schemaDocument(COMMON).at("/$defs/credentialText/pattern").textValue());

        static {
            for (InputSchema s : InputSchema.values()) {
                Schema schema = REGISTRY.getSchema(SchemaLocation.of(s.file));
                schema.initializeValidators(); // fails here, not on the first input, if a $ref is broken
                SCHEMAS.put(s, schema);
            }
        }

        /** A schema file as JSON, by its absolute IRI, for the wording of errors. */
        static JsonNode schemaDocument(String iri) {
            return DOCUMENTS.computeIfAbsent(iri, i -> {
                String resource = i.substring("classpath:".length());
                try (InputStream in = InputSchema.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) throw new IllegalStateException("no schema on the classpath: " + resource);
                    return Json.mapper().readTree(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
