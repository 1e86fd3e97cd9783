package io.cutover.migrate.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A primary-key value, one element per key column, in a form both engines' adapters produce for
 * the same value so keys from the two sides compare equal: whole numbers as Long (BigInteger past
 * its range), other numbers as BigDecimal without trailing zeros, String, UUID, LocalDate,
 * LocalDateTime, Instant.
 */
public record Key(List<Object> values) {

    public Key {
        List<Object> normal = new ArrayList<>(values.size());
        for (Object v : values) normal.add(normalise(v));
        values = List.copyOf(normal);
    }

    public static Key of(Object... values) {
        return new Key(List.of(values));
    }

    private static Object normalise(Object v) {
        if (v == null) throw new IllegalArgumentException("a primary-key value cannot be null");
        return switch (v) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case BigDecimal d -> decimal(d);
            case String s -> s;
            case UUID u -> u;
            case LocalDate d -> d;
            case LocalDateTime t -> t;
            case Instant t -> t;
            default -> throw new IllegalArgumentException("a primary-key value of type " + v.getClass().getName()
                    + " cannot be compared across databases");
        };
    }

    private static Object decimal(BigDecimal d) {
        BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (s.scale() <= 0) {
            BigInteger whole = s.toBigIntegerExact();
            return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
        }
        return s;
    }

    /**
     * The key as text, one value a column tagged with its type ({@code L:42}, {@code S:abc}), for a
     * run's saved progress: {@link #decode} gives back an equal key with the same value types.
     */
    public List<String> encode() {
        return values.stream().map(v -> tag(v) + ":" + v).toList();
    }

    /** The key {@link #encode} wrote; a malformed value is named. */
    public static Key decode(List<String> encoded) {
        if (encoded == null || encoded.isEmpty()) throw new IllegalArgumentException("an encoded key has no values");
        List<Object> values = new ArrayList<>(encoded.size());
        for (String e : encoded) {
            if (e == null || e.length() < 2 || e.charAt(1) != ':') throw new IllegalArgumentException("not an encoded key value: " + e);
            String v = e.substring(2);
            values.add(switch (e.charAt(0)) {
                case 'L' -> Long.parseLong(v);
                case 'N' -> new BigInteger(v);
                case 'D' -> new BigDecimal(v);
                case 'S' -> v;
                case 'U' -> UUID.fromString(v);
                case 'd' -> LocalDate.parse(v);
                case 't' -> LocalDateTime.parse(v);
                case 'i' -> Instant.parse(v);
                default -> throw new IllegalArgumentException("not an encoded key value: " + e);
            });
        }
        return new Key(values);
    }

    private static char tag(Object v) {
        return switch (v) {
            case Long l -> 'L';
            case BigInteger b -> 'N';
            case BigDecimal d -> 'D';
            case String s -> 'S';
            case UUID u -> 'U';
            case LocalDate d -> 'd';
            case LocalDateTime t -> 't';
            case Instant t -> 'i';
            default -> throw new IllegalStateException("unexpected key value " + v.getClass());
        };
    }

    @Override
    public String toString() {
        String inner = values.stream().map(Key::show).collect(Collectors.joining(", "));
        return values.size() == 1 ? inner : "(" + inner + ")";
    }

    private static String show(Object v) {
        return v instanceof String s ? "'" + s.replace("'", "''") + "'" : v.toString();
    }
}
