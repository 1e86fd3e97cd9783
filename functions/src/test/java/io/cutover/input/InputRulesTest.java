package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every input and file keeps at every depth (docs/INPUT.md): unknown fields and
 * credential-like fields refused at every level, bounds on lists and strings, bad values quoted
 * with at most 80 characters, credentials never quoted, problems in a stable order.
 */
class InputRulesTest {
    static final List<String> SAMPLES = List.of("start-postgres.json", "start-oracle.json", "start-switchover.json",
            "appmap-sample.json");
    /** Free-form: DMS's own documents, passed to DMS as given (only credentials and sizes are checked). */
    static final List<String> DMS_DOCUMENTS = List.of("dms.taskSettings", "dms.tableMappings.rules");

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        int levels = 0;
        for (String sample : SAMPLES) {
            for (String at : objectPaths(SampleEvents.load(sample))) {
                if (DMS_DOCUMENTS.stream().anyMatch(at::startsWith)) continue;
                ObjectNode doc = SampleEvents.load(sample);
                objectAt(doc, at).put("colour", "blue");
                String field = (at.isEmpty() ? "" : at + ".") + "colour";
                List<String> problems = problems(sample, doc);
                assertEquals(1, problems.size(), () -> sample + " " + field + ": " + problems);
                assertTrue(problems.get(0).matches("\\Q" + field + ": \\E(unknown field|no such site|unknown direction|is not a site name).*"),
                        () -> sample + ": " + problems);
                levels++;
            }
        }
        assertTrue(levels >= 20, "objects at every level of every sample: " + levels);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "Password", "DB_PASSWORD", "passwd", "pass_phrase", "pwd", "secret", "clientSecret",
            "secretString", "token", "sessionToken", "accessKey", "aws_access_key_id", "secretAccessKey", "privateKey",
            "private_key", "apiKey", "credentials"})
    void credentialFieldsAreRefusedAtEveryLevelWithoutShowingTheirValue(String name) {
        int levels = 0;
        for (String sample : SAMPLES) {
            for (String at : objectPaths(SampleEvents.load(sample))) {
                ObjectNode doc = SampleEvents.load(sample);
                objectAt(doc, at).put(name, "hunter2-p4ss");
                String field = (at.isEmpty() ? "" : at + ".") + name;
                InvalidInput e = assertThrows(InvalidInput.class, () -> parse(sample, doc), field);
                assertEquals(List.of(field + ": looks like a credential and is refused: inputs and files are kept in the"
                        + " execution history and logs; store the credential in Secrets Manager and give its ARN (secretArn)"),
                        e.problems(), sample);
                assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
                levels++;
            }
        }
        assertTrue(levels >= 25, "every object of every sample, DMS documents included: " + levels);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretArn", "secretsAccessRoleArn", "TargetSchema", "LobMaxSize", "rule-name",
            "TaskRecoveryTableEnabled", "keepAlive", "monkeyKey"})
    void namesThatOnlyResembleCredentialsPass(String name) {
        ObjectNode doc = SampleEvents.load("start-postgres.json");
        // Inside a table-mapping rule, where DMS's own keys are free (task settings keys are checked by section).
        ((ObjectNode) doc.get("dms")).putObject("tableMappings").putArray("rules").addObject()
                .put("rule-type", "selection").put("rule-id", "1").put(name, "x");
        StartInputParser.parse(doc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://app:hunter2@db.internal:5432/orders", "jdbc:oracle:thin:scott/hunter2@db:1521/ORCL",
            "Server=db;Password=hunter2;", "pwd: hunter2", "token=hunter2", "key AKIAIOSFODNN7EXAMPLE in use",
            "-----BEGIN RSA PRIVATE KEY-----\nhunter2\n-----END RSA PRIVATE KEY-----"})
    void textHoldingACredentialIsRefusedAnywhereAndNeverShown(String text) {
        ObjectNode comment = SampleEvents.load("start-switchover.json").put("comment", text);
        ObjectNode inSettings = SampleEvents.load("start-postgres.json");
        ((ObjectNode) inSettings.get("dms")).putObject("taskSettings").putObject("Logging").putArray("LogComponents")
                .addObject().put("Id", text);
        ObjectNode inAppMap = SampleEvents.load("appmap-sample.json").put("comment", text);
        for (var c : List.of(Map.entry("start-switchover.json", comment), Map.entry("start-postgres.json", inSettings),
                Map.entry("appmap-sample.json", inAppMap))) {
            InvalidInput e = assertThrows(InvalidInput.class, () -> parse(c.getKey(), c.getValue()));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).contains("looks like it holds a credential and is refused (the value is not shown)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("AKIA"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cutover of orders, see https://wiki.example.com/runbooks/orders",
            "passwords live in Secrets Manager", "token bucket sizing done", "pass rate: 100%"})
    void ordinaryTextPasses(String text) {
        StartInputParser.parse(SampleEvents.load("start-postgres.json").put("comment", text));
    }

    @Test
    void aBadValueThatLooksLikeACredentialIsNotQuoted() {
        ObjectNode doc = SampleEvents.load("start-postgres.json");
        ((ObjectNode) doc.get("source")).put("instanceId", "postgres://app:hunter2@db/orders");
        ((ObjectNode) doc.get("replica")).put("secretArn", "hunter2");
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(doc));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("replica.secretArn: is not a Secrets Manager secret ARN"), e.getMessage());
        assertTrue(e.getMessage().contains("source.instanceId: (a value that looks like a credential, not shown) is not a valid"),
                e.getMessage());
    }

    @Test
    void listsAreBounded() {
        ObjectNode doc = SampleEvents.load("start-postgres.json");
        ArrayNode apps = doc.putArray("applications");
        for (int i = 0; i < 30_000; i++) apps.add("app-" + i);
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(doc));
        assertEquals(List.of("applications: has 30000 items; at most 200 are allowed"), e.problems());

        apps.removeAll();
        for (int i = 0; i < 200; i++) apps.add("app-" + i);
        assertEquals(200, StartInputParser.parse(doc).applications().size(), "200 is within the bound");

        ObjectNode map = SampleEvents.load("appmap-sample.json");
        ArrayNode entries = map.putArray("applications");
        JsonNode entry = SampleEvents.load("appmap-sample.json").at("/applications/0");
        for (int i = 0; i < 1001; i++) entries.add(((ObjectNode) entry.deepCopy()).put("name", "app-" + i));
        assertEquals(List.of("applications: has 1001 items; at most 1000 are allowed"),
                assertThrows(InvalidInput.class, () -> parse("appmap-sample.json", map)).problems());
    }

    @Test
    void stringsAreBoundedAndQuotedWithAtMost80Characters() {
        String huge = "x".repeat(5000);
        ObjectNode doc = SampleEvents.load("start-postgres.json").put("comment", "y".repeat(1001));
        ((ObjectNode) doc.get("source")).put("instanceId", huge);
        ((ObjectNode) doc.get("dms")).putObject("taskSettings").putObject("TargetMetadata").put("TargetSchema", huge);
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(doc));
        assertEquals(List.of(
                "comment: '" + "y".repeat(80) + "...' (1001 characters) is longer than 1000 characters",
                "dms.taskSettings.TargetMetadata.TargetSchema: '" + "x".repeat(80) + "...' (5000 characters) is longer than 4096 characters",
                "source.instanceId: '" + "x".repeat(80) + "...' (5000 characters) is not a valid RDS DB instance identifier"
                        + " (letter first, then letters, digits, single hyphens; max 63)"), e.problems());
        assertTrue(e.getMessage().length() < 800, e.getMessage());
    }

    @Test
    void quotingCutsLongValuesAndHidesControlCharacters() {
        assertEquals("'abc'", FieldProblems.quote("abc"));
        assertEquals("'a?b'", FieldProblems.quote("a\nb"));
        assertEquals("'" + "z".repeat(80) + "...' (81 characters)", FieldProblems.quote("z".repeat(81)));
        assertEquals("42", FieldProblems.quote(Json.mapper().getNodeFactory().numberNode(42)));
        assertEquals("(a value that looks like a credential, not shown)", FieldProblems.quote("password=x"));
    }

    @Test
    void problemsComeInPathOrderWhateverTheFieldOrder() {
        ObjectNode doc = SampleEvents.load("start-switchover.json");
        doc.put("zeta", 1).put("alpha", 1);
        ((ObjectNode) doc.at("/sites/SITEB")).put("port", 0);
        ((ObjectNode) doc.at("/sites/SITEA")).put("port", 0);
        doc.putArray("applications").add("a").add("b").add("a").add("b");
        List<String> expected = List.of("alpha: unknown field", "applications[2]: 'a' is listed twice",
                "applications[3]: 'b' is listed twice", "sites.SITEA.port: 0 is not a port number (1..65535)",
                "sites.SITEB.port: 0 is not a port number (1..65535)", "zeta: unknown field");
        List<String> problems = assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(doc)).problems();
        assertEquals(expected, problems.stream().map(p -> p.replaceAll(" \\(expected one of .*", "")).toList());
        ObjectNode reordered = Json.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        for (String n : names.reversed()) reordered.set(n, doc.get(n));
        assertEquals(problems, assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(reordered)).problems());
    }

    @Test
    void deeplyNestedDocumentsAreRefusedBeforeTheValidatorWalksThem() {
        ObjectNode doc = SampleEvents.load("start-postgres.json");
        ObjectNode level = ((ObjectNode) doc.get("dms")).putObject("taskSettings");
        for (int i = 0; i < 900; i++) level = level.putObject("Nested");
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(doc));
        assertEquals(List.of("dms.taskSettings.Nested: nested deeper than 20 levels (DMS documents need fewer than 10);"
                + " not checked further"), e.problems());

        ObjectNode deepButAllowed = SampleEvents.load("start-postgres.json");
        level = ((ObjectNode) deepButAllowed.get("dms")).putObject("taskSettings");
        for (int i = 0; i < InputSchema.MAX_DEPTH - 4; i++) level = level.putObject("Nested");
        level.put("password", "hunter2");
        e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(deepButAllowed));
        assertTrue(e.getMessage().contains("Nested.password: looks like a credential"), e.getMessage());
    }

    @Test
    void schemaDefaultsAreTheOnesTheParsersFillIn() {
        int checked = 0;
        for (String sample : List.of("start-postgres.json", "start-switchover.json")) {
            InputSchema schema = InputSchemaAgreementTest.schemaOf(sample, SampleEvents.load(sample));
            JsonNode schemaDoc = schemaDocument(schema);
            for (Map.Entry<String, JsonNode> d : defaults(schemaDoc, schemaDoc, "").entrySet()) {
                ObjectNode doc = SampleEvents.load(sample);
                if (doc.at(d.getKey()).isMissingNode() && !d.getKey().startsWith("/sites")) continue;
                InputEdits.edit(doc, d.getKey(), InputEdits.REMOVE);
                JsonNode built = Json.mapper().valueToTree(InputSchemaAgreementTest.PARSE.get(schema).apply(doc));
                if (built.at(d.getKey()).isMissingNode()) continue; // not in the record (runbook)
                assertEquals(d.getValue().asText(), built.at(d.getKey()).asText(), sample + " " + d.getKey());
                checked++;
            }
        }
        assertTrue(checked >= 20, "defaults checked: " + checked);
    }

    /** JSON pointer -> schema default, following properties and this document's $defs. */
    private static Map<String, JsonNode> defaults(JsonNode schema, JsonNode root, String pointer) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) out.putAll(defaults(root.at(ref.substring(1)), root, pointer));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String at = pointer + "/" + p.getKey();
            if (p.getValue().has("default")) out.put(at, p.getValue().get("default"));
            out.putAll(defaults(p.getValue(), root, at));
        }
        return out;
    }

    private static JsonNode schemaDocument(InputSchema schema) {
        try (var in = InputSchema.class.getResourceAsStream("/io/cutover/input/schemas/"
                + schema.name().toLowerCase().replace('_', '-') + ".schema.json")) {
            return Json.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object parse(String sample, JsonNode doc) {
        InputSchema schema = InputSchemaAgreementTest.schemaOf(sample, SampleEvents.load(sample));
        return InputSchemaAgreementTest.PARSE.get(schema).apply(doc);
    }

    private static List<String> problems(String sample, JsonNode doc) {
        return assertThrows(InvalidInput.class, () -> parse(sample, doc)).problems();
    }

    /** Dotted paths of every object in a document, the root as "". */
    private static List<String> objectPaths(JsonNode doc) {
        List<String> out = new ArrayList<>();
        collect(doc, "", out);
        return out;
    }

    private static void collect(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            out.add(at);
            node.fields().forEachRemaining(f -> collect(f.getValue(), at.isEmpty() ? f.getKey() : at + "." + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collect(node.get(i), at + "[" + i + "]", out);
        }
    }

    private static ObjectNode objectAt(JsonNode doc, String dotted) {
        JsonNode n = doc;
        for (Object s : FieldPath.of(dotted).segments()) n = s instanceof Integer i ? n.get(i) : n.get((String) s);
        return (ObjectNode) n;
    }
}
