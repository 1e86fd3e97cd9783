package io.cutover.migrate.validation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key saved in a run's state comes back as the same key, with the same value types (a later call binds them). */
class KeyTest {

    @Test
    void everyKindOfKeyValueSurvivesItsEncoding() {
        Key key = Key.of(42L, new BigInteger("123456789012345678901234567890"), new BigDecimal("12.50"), "it's, [x]", "",
                UUID.fromString("6f1c2a4e-8b7d-4c3e-9a1f-0123456789ab"), LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 1, 1, 10, 0), LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_000),
                Instant.parse("2024-01-01T00:00:00.000001Z"), new BigDecimal("1E+30"));

        List<String> encoded = key.encode();
        Key back = Key.decode(encoded);

        assertEquals(key, back);
        for (int i = 0; i < key.values().size(); i++) {
            assertEquals(key.values().get(i).getClass(), back.values().get(i).getClass(), encoded.get(i));
        }
        assertEquals("L:42", encoded.get(0));
        assertEquals("D:12.5", encoded.get(2), "numbers without trailing zeros, as Key keeps them");
        assertEquals("S:", encoded.get(4), "an empty string is a value");
    }

    @Test
    void aMalformedEncodedValueIsNamed() {
        String cause = assertThrows(IllegalArgumentException.class, () -> Key.decode(List.of("L:1", "Q:2"))).getMessage();
        assertTrue(cause.contains("Q:2"), cause);
        assertThrows(IllegalArgumentException.class, () -> Key.decode(List.of()));
        assertThrows(NumberFormatException.class, () -> Key.decode(List.of("L:x")));
    }
}
