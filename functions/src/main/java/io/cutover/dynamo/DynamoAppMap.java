package io.cutover.dynamo;

import io.cutover.appmap.AppMap;
import io.cutover.appmap.Application;
import io.cutover.appmap.ConcurrentUpdateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The appmap table in DynamoDB. Updates are optimistic: a write only lands on the version it
 * was based on, so a freeze and a concurrent re-route cannot overwrite each other.
 */
public record DynamoAppMap(DynamoDbClient client, String table) implements AppMap {


    @Override
    public Optional<Application> get(String app) {
        var response = client.getItem(r -> r.tableName(table).key(ApplicationItems.key(app)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ApplicationItems.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public List<Application> list() {
        return client.scanPaginator(r -> r.tableName(table).consistentRead(true))
                .items().stream()
                .map(ApplicationItems::fromItem)
                .toList();
    }

    @Override
    public void put(Application app) {
        long version = app.version() == 0 ? 1 : app.version();
        client.putItem(r -> r.tableName(table).item(ApplicationItems.toItem(app, version)));
    }

    @Override
    public Application update(Application changed) {
        long expected = changed.version();
        try {
            client.putItem(r -> r.tableName(table).item(ApplicationItems.toItem(changed, expected + 1))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", ApplicationItems.VERSION))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected)))));
        } catch (ConditionalCheckFailedException lost) {
            throw new ConcurrentUpdateException(changed.name(), expected);
        }
        return new Application(changed.name(), changed.sites(), changed.activeSite(), changed.status(),
                changed.frozenBy(), expected + 1);
    }
}
