package io.cutover.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.ConcurrentUpdateException;
import io.cutover.appmap.Site;
import io.cutover.instance.Engine;
import io.cutover.testing.DynamoDbLocal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoAppMapTest {

    private static final String TABLE = "appmap";

    private static DynamoDbLocal ddb;
    private static DynamoDbClient client;

    private final DynamoAppMap appMap = new DynamoAppMap(client, TABLE);

    @BeforeAll
    static void startDynamo() {
        ddb = DynamoDbLocal.start();
        client = ddb.client(java.util.List.of(new io.cutover.testing.ApiModelCheck("dynamodb-2012-08-10")));
        Tables.createAppMapTable(client, TABLE);
    }

    @AfterAll
    static void stopDynamo() {
        ddb.close();
    }

    @Test
    void putThenGetRoundTripsEveryField() {
        String name = unique("orders");
        appMap.put(app(name, 0));

        Application stored = appMap.get(name).orElseThrow();
        assertEquals(app(name, 1), stored, "version starts at 1");
        assertEquals(new Site("SITEB", Engine.ORACLE, "b.example", 1521, "ORCL", null), stored.sites().get("SITEB"));
        assertEquals("a.example", stored.active().host());
    }

    @Test
    void putKeepsAnExplicitVersionAndReplaces() {
        String name = unique("orders");
        appMap.put(app(name, 0).frozenBy("run-1"));
        appMap.put(new Application(name, app(name, 0).sites(), "SITEB", AppStatus.OPEN, null, 7));

        Application stored = appMap.get(name).orElseThrow();
        assertEquals(7, stored.version());
        assertEquals("SITEB", stored.activeSite());
        assertEquals(AppStatus.OPEN, stored.status());
        assertNull(stored.frozenBy());
    }

    @Test
    void unknownAppIsEmpty() {
        assertTrue(appMap.get(unique("nope")).isEmpty());
    }

    @Test
    void updateOnTheReadVersionBumpsIt() {
        String name = unique("orders");
        appMap.put(app(name, 0));

        Application frozen = appMap.update(appMap.get(name).orElseThrow().frozenBy("run-1"));
        assertEquals(2, frozen.version());
        assertEquals(frozen, appMap.get(name).orElseThrow());

        Application routed = appMap.update(frozen.routedTo("SITEB").thawed());
        assertEquals(3, routed.version());
        Application stored = appMap.get(name).orElseThrow();
        assertEquals(routed, stored);
        assertEquals("SITEB", stored.activeSite());
        assertEquals(AppStatus.OPEN, stored.status());
        assertNull(stored.frozenBy());
    }

    @Test
    void staleVersionIsRefusedAndChangesNothing() {
        String name = unique("orders");
        appMap.put(app(name, 0));
        Application read = appMap.get(name).orElseThrow();
        Application current = appMap.update(read.frozenBy("run-1"));

        ConcurrentUpdateException e = assertThrows(ConcurrentUpdateException.class,
                () -> appMap.update(read.routedTo("SITEB")));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertEquals(current, appMap.get(name).orElseThrow());
    }

    @Test
    void updateOfAMissingEntryIsRefused() {
        String name = unique("orders");
        assertThrows(ConcurrentUpdateException.class, () -> appMap.update(app(name, 1)));
        assertTrue(appMap.get(name).isEmpty(), "update must not create entries");
    }

    @Test
    void concurrentUpdatersHaveExactlyOneWinner() throws Exception {
        String name = unique("orders");
        appMap.put(app(name, 0));
        Application read = appMap.get(name).orElseThrow();

        var outcomes = Concurrently.run(10, i -> () -> appMap.update(read.frozenBy("run-" + i)));

        List<Application> winners = outcomes.stream().filter(o -> o.failure() == null).map(Concurrently.Outcome::value).toList();
        assertEquals(1, winners.size(), "winners: " + winners);
        outcomes.stream().filter(o -> o.failure() != null)
                .forEach(o -> assertInstanceOf(ConcurrentUpdateException.class, o.failure()));
        Application stored = appMap.get(name).orElseThrow();
        assertEquals(winners.get(0), stored);
        assertEquals(2, stored.version());
    }

    @Test
    void listReturnsEveryEntryAcrossScanPages() {
        String table = "appmap-" + UUID.randomUUID();
        Tables.createAppMapTable(client, table);
        DynamoAppMap fresh = new DynamoAppMap(client, table);
        // ~40 KB per item: 40 items pass the 1 MB scan page, so list() must follow pagination.
        String bigHost = "h".repeat(40_000);
        Set<String> names = IntStream.range(0, 40).mapToObj(i -> "app-" + i).collect(Collectors.toSet());
        names.forEach(n -> fresh.put(new Application(n,
                Map.of("SITEA", new Site("SITEA", Engine.POSTGRES, bigHost, 5432, "db", null)),
                "SITEA", AppStatus.OPEN, null, 0)));

        assertTrue(client.scan(r -> r.tableName(table)).hasLastEvaluatedKey(), "test data must span scan pages");
        List<Application> listed = fresh.list();
        assertEquals(names, listed.stream().map(Application::name).collect(Collectors.toSet()));
        assertEquals(40, listed.size());
    }

    @Test
    void engineIsStoredLowerCaseForApplicationsToRead() {
        String name = unique("orders");
        appMap.put(app(name, 0));
        Map<String, AttributeValue> raw = client.getItem(r -> r.tableName(TABLE).key(ApplicationItems.key(name))).item();
        Map<String, AttributeValue> siteA = raw.get("sites").m().get("SITEA").m();
        assertEquals("postgres", siteA.get("engine").s());
        assertEquals("5432", siteA.get("port").n());
        assertEquals("1", raw.get("version").n());
        assertEquals("OPEN", raw.get("status").s());
    }

    @Test
    void badItemsNameTheAppAndTheProblem() {
        String name = unique("orders");
        appMap.put(app(name, 0));
        client.updateItem(r -> r.tableName(TABLE).key(ApplicationItems.key(name))
                .updateExpression("SET #sites.#a.#engine = :e")
                .expressionAttributeNames(Map.of("#sites", "sites", "#a", "SITEA", "#engine", "engine"))
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromS("mysql"))));

        BadItemException e = assertThrows(BadItemException.class, () -> appMap.get(name));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains("SITEA"), e.getMessage());
        assertTrue(e.getMessage().contains("mysql"), e.getMessage());

        String noVersion = unique("legacy");
        Map<String, AttributeValue> raw = new HashMap<>(ApplicationItems.toItem(app(noVersion, 0), 1));
        raw.remove("version");
        client.putItem(r -> r.tableName(TABLE).item(raw));
        BadItemException missing = assertThrows(BadItemException.class, () -> appMap.get(noVersion));
        assertTrue(missing.getMessage().contains(noVersion) && missing.getMessage().contains("version"),
                missing.getMessage());
    }

    private static Application app(String name, long version) {
        return new Application(name, Map.of(
                        "SITEA", new Site("SITEA", Engine.POSTGRES, "a.example", 5432, "orders",
                                "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-a"),
                        "SITEB", new Site("SITEB", Engine.ORACLE, "b.example", 1521, "ORCL", null)),
                "SITEA", AppStatus.OPEN, null, version);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
