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

    @Override
    public String toString() {
        String inner = values.stream().map(Key::show).collect(Collectors.joining(", "));
        return values.size() == 1 ? inner : "(" + inner + ")";
    }

    private static String show(Object v) {
        return v instanceof String s ? "'" + s.replace("'", "''") + "'" : v.toString();
    }
}
