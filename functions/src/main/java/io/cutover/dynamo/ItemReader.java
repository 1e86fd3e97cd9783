package io.cutover.dynamo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads one item (or nested map) attribute by attribute and turns every surprise into a
 * {@link BadItemException} naming the item, instead of a bare NullPointerException later.
 */
final class ItemReader {

    private final String item;
    private final Map<String, AttributeValue> attributes;

    ItemReader(String item, Map<String, AttributeValue> attributes) {
        this.item = item;
        this.attributes = attributes;
    }

    String string(String name) {
        String value = optionalString(name);
        if (value == null) throw bad("attribute '" + name + "' is missing");
        return value;
    }

    String optionalString(String name) {
        AttributeValue value = attributes.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) return null;
        if (value.s() == null) throw bad("attribute '" + name + "' is not a string: " + value);
        return value.s();
    }

    long number(String name) {
        AttributeValue value = attributes.get(name);
        if (value == null || value.n() == null) throw bad("attribute '" + name + "' is missing or not a number");
        return parse(name, value.n(), Long::parseLong);
    }

    Instant instant(String name) {
        return parse(name, string(name), Instant::parse);
    }

    Instant optionalInstant(String name) {
        String value = optionalString(name);
        return value == null ? null : parse(name, value, Instant::parse);
    }

    /** A string attribute parsed by a domain parser (enum, engine); its complaint goes into the message. */
    <T> T parsed(String name, Function<String, T> parser) {
        return parse(name, string(name), parser);
    }

    /** A map attribute; absent means empty. */
    Map<String, AttributeValue> map(String name) {
        AttributeValue value = attributes.get(name);
        if (value == null) return Map.of();
        if (!value.hasM()) throw bad("attribute '" + name + "' is not a map");
        return value.m();
    }

    /** A map of strings (e.g. resources by role); absent means empty. */
    Map<String, String> stringMap(String name) {
        Map<String, AttributeValue> stored = map(name);
        ItemReader entries = new ItemReader(item + ", " + name, stored);
        return stored.keySet().stream().collect(Collectors.toMap(key -> key, entries::string));
    }

    /** A list attribute; absent means empty. */
    List<AttributeValue> list(String name) {
        AttributeValue value = attributes.get(name);
        if (value == null) return List.of();
        if (!value.hasL()) throw bad("attribute '" + name + "' is not a list");
        return value.l();
    }

    /** A reader for a map nested in this item, e.g. one site of an application. */
    ItemReader nested(String label, AttributeValue value) {
        if (value == null || !value.hasM()) throw bad(label + " is not a map");
        return new ItemReader(item + ", " + label, value.m());
    }

    private <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new BadItemException(item, "attribute '" + name + "' = '" + value + "': " + e.getMessage(), e);
        }
    }

    private BadItemException bad(String problem) {
        return new BadItemException(item, problem);
    }
}
