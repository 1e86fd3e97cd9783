package io.cutover.appmap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.Tables;
import io.cutover.failure.InvalidInput;
import io.cutover.failure.StepFailed;
import io.cutover.handler.operations.AppMapAdminHandler;
import io.cutover.json.Json;
import io.cutover.testing.DynamoDbLocal;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appmap entries loaded into a real DynamoDB table (DynamoDB Local). Checking files: {@link AppMapFileParserTest}. */
class AppMapAdminTest {
    static DynamoDbLocal dynamo;
    static DynamoAppMap appMap;
    static AppMapAdmin admin;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
        Tables.createAppMapTable(dynamo.client(), "appmap");
        appMap = new DynamoAppMap(dynamo.client(), "appmap");
        admin = new AppMapAdmin(appMap);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Test
    void sampleFileLoadsListsAndShows() {
        ObjectNode file = renamed(SampleEvents.load("appmap-sample.json"));
        List<Application> entries = AppMapFileParser.parse(file);
        assertEquals(2, entries.size());
        assertEquals(List.of("created", "created"), admin.load(entries).stream().map(AppMapAdmin.Loaded::outcome).toList());
        assertEquals(List.of("unchanged", "unchanged"), admin.load(entries).stream().map(AppMapAdmin.Loaded::outcome).toList());
        Application shown = admin.show(entries.get(0).name()).orElseThrow();
        assertEquals("SITEA", shown.activeSite());
        assertEquals(AppStatus.OPEN, shown.status());
        assertEquals(5432, shown.sites().get("SITEB").port());
        assertTrue(admin.list().stream().map(Application::name).toList().containsAll(entries.stream().map(Application::name).toList()));
    }

    @Test
    void aLoadChangesSitesButKeepsStatusAndNeverTouchesAFrozenEntry() {
        ObjectNode file = renamed(SampleEvents.load("appmap-sample.json"));
        List<Application> entries = AppMapFileParser.parse(file);
        admin.load(entries);
        ((ObjectNode) file.at("/applications/0/sites/SITEB")).put("port", 6432);
        assertEquals("updated", admin.load(AppMapFileParser.parse(file)).get(0).outcome());
        assertEquals(6432, admin.show(entries.get(0).name()).orElseThrow().sites().get("SITEB").port());

        Application second = appMap.get(entries.get(1).name()).orElseThrow();
        appMap.update(second.frozenBy("run-42"));
        ((ObjectNode) file.at("/applications/0/sites/SITEB")).put("port", 7432);
        StepFailed e = assertThrows(StepFailed.class, () -> admin.load(AppMapFileParser.parse(file)));
        assertTrue(e.getMessage().contains(entries.get(1).name() + " is FROZEN by run run-42"), e.getMessage());
        assertEquals(6432, admin.show(entries.get(0).name()).orElseThrow().sites().get("SITEB").port(), "nothing loaded");
    }

    @Test
    void theLambdaLoadsListsAndShows() throws Exception {
        AppMapAdminHandler handler = new AppMapAdminHandler(appMap);
        ObjectNode load = renamed(SampleEvents.load("appmap-sample.json"));
        load.put("action", "load");
        JsonNode loaded = invoke(handler, load);
        assertEquals("created", loaded.at("/loaded/0/outcome").asText());
        String name = load.at("/applications/0/name").asText();
        JsonNode shown = invoke(handler, Json.mapper().createObjectNode().put("action", "show").put("app", name));
        assertEquals("SITEA", shown.at("/application/activeSite").asText());
        assertTrue(invoke(handler, Json.mapper().createObjectNode().put("action", "list")).get("applications").size() >= 2);
        ObjectNode bad = SampleEvents.load("appmap-sample.json");
        bad.put("action", "load");
        ((ObjectNode) bad.at("/applications/0/sites/SITEA")).put("engine", "mysql");
        InvalidInput e = assertThrows(InvalidInput.class, () -> invoke(handler, bad));
        assertTrue(e.getMessage().contains("unknown engine 'mysql'"));
    }

    private static JsonNode invoke(AppMapAdminHandler handler, JsonNode request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(request)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    /** The sample's applications under fresh names, so tests sharing the table do not meet. */
    private static ObjectNode renamed(ObjectNode file) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        for (JsonNode app : file.get("applications")) ((ObjectNode) app).put("name", app.get("name").asText() + suffix);
        return file;
    }
}
