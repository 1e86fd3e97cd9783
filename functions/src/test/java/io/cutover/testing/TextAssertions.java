package io.cutover.testing;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on what a message, a report or a command's output says. */
public final class TextAssertions {
    private TextAssertions() {
    }

    /** Fails naming every part the text does not contain, and shows the text. */
    public static void assertContainsEach(String text, String... parts) {
        List<String> missing = Stream.of(parts).filter(part -> !text.contains(part)).toList();
        assertEquals(List.of(), missing, () -> "not found in:\n" + text);
    }
}
