package io.cutover.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.testing.DynamoDbLocal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoTablesTest {

    private static DynamoDbLocal ddb;
    private static DynamoDbClient client;

    @BeforeAll
    static void startDynamo() {
        ddb = DynamoDbLocal.start();
        client = ddb.client(java.util.List.of(new io.cutover.testing.ApiModelCheck("dynamodb-2012-08-10")));
    }

    @AfterAll
    static void stopDynamo() {
        ddb.close();
    }

    @Test
    void runsTableHasTheSharedKeysAndTimeToLive() {
        Tables.createRunsTable(client, "runs");
        Tables.createRunsTable(client, "runs"); // a rehearsal re-run keeps the table

        TableDescription table = client.describeTable(r -> r.tableName("runs")).table();
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
        assertEquals(List.of("pk:HASH", "sk:RANGE"), keys(table));
        var ttl = client.describeTimeToLive(r -> r.tableName("runs")).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals(Tables.RUNS_TTL, ttl.attributeName());
    }

    @Test
    void appMapTableIsKeyedByApp() {
        Tables.createAppMapTable(client, "appmap");
        Tables.createAppMapTable(client, "appmap");

        TableDescription table = client.describeTable(r -> r.tableName("appmap")).table();
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals(List.of("app:HASH"), keys(table));
    }

    private static List<String> keys(TableDescription table) {
        return table.keySchema().stream()
                .sorted((a, b) -> a.keyType() == KeyType.HASH ? -1 : b.keyType() == KeyType.HASH ? 1 : 0)
                .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .toList();
    }
}
