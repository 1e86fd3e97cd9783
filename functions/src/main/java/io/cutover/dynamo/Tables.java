package io.cutover.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The two tables' key design, shared by the adapters, the CDK stack and the local rehearsal, so
 * every place spells the same names. The create methods are for DynamoDB Local (tests and
 * rehearsal); in AWS the CDK stack creates the tables.
 */
public final class Tables {

    /** runs table: partition key ("RUN#id", "LOCK#source", "WAIT#resource"). */
    public static final String RUNS_PK = "pk";
    /** runs table: sort key ("RUN", "LOCK", "kind#runId"). */
    public static final String RUNS_SK = "sk";
    /** runs table: TTL attribute (epoch seconds) that expires forgotten waiters. */
    public static final String RUNS_TTL = "ttl";
    /** appmap table: partition key, the application name. */
    public static final String APPMAP_PK = "app";

    private Tables() {
    }

    /** Creates the runs table (if absent) and waits until it is active. */
    public static void createRunsTable(DynamoDbClient client, String name) {
        create(client, name, RUNS_PK, RUNS_SK);
        try {
            client.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(t -> t.attributeName(RUNS_TTL).enabled(true)));
        } catch (DynamoDbException e) {
            // Only housekeeping: DynamoDB Local never expires items anyway, and a table that
            // already has TTL enabled refuses a second enable.
        }
    }

    /** Creates the appmap table (if absent) and waits until it is active. */
    public static void createAppMapTable(DynamoDbClient client, String name) {
        create(client, name, APPMAP_PK, null);
    }

    private static void create(DynamoDbClient client, String name, String partitionKey, String sortKey) {
        try {
            client.createTable(r -> {
                r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
                if (sortKey == null) {
                    r.attributeDefinitions(stringAttribute(partitionKey))
                            .keySchema(key(partitionKey, KeyType.HASH));
                } else {
                    r.attributeDefinitions(stringAttribute(partitionKey), stringAttribute(sortKey))
                            .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE));
                }
            });
        } catch (ResourceInUseException alreadyThere) {
            // A rehearsal against a persistent DynamoDB Local re-runs this: keep the table.
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(name)).matched().exception()
                .ifPresent(e -> {
                    throw new IllegalStateException("table " + name + " did not become active", e);
                });
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
