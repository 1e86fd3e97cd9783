package io.cutover.dynamo;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds an item (or nested map), leaving out null values: DynamoDB has no "null string". */
final class ItemBuilder {

    private final Map<String, AttributeValue> attributes = new HashMap<>();

    ItemBuilder string(String name, String value) {
        if (value != null) attributes.put(name, AttributeValue.fromS(value));
        return this;
    }

    ItemBuilder instant(String name, Instant value) {
        return string(name, value == null ? null : value.toString());
    }

    ItemBuilder number(String name, long value) {
        attributes.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    ItemBuilder map(String name, Map<String, AttributeValue> value) {
        attributes.put(name, AttributeValue.fromM(value));
        return this;
    }

    ItemBuilder list(String name, List<AttributeValue> value) {
        attributes.put(name, AttributeValue.fromL(value));
        return this;
    }

    Map<String, AttributeValue> build() {
        return Map.copyOf(attributes);
    }

    AttributeValue buildMap() {
        return AttributeValue.fromM(build());
    }
}
