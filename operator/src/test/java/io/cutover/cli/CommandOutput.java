package io.cutover.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command run in this JVM, as the shell would run it: its exit status and what it printed. */
public record CommandOutput(int status, String out, String err) {

    /** Runs a picocli command object (a fresh one per run) with {@code args}. */
    public static CommandOutput of(Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLines.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandOutput(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Asserts this is a command's help: exit 0, usage first, every {@code expected} text, the exit statuses, no error. */
    public void assertHelpLists(List<String> expected) {
        assertEquals(CommandLines.OK, status, toString());
        assertTrue(out.startsWith("Usage: "), toString());
        for (String text : expected) assertTrue(out.contains(text), text + " in\n" + this);
        assertTrue(out.contains("Exit status:"), toString());
        assertTrue(err.isEmpty(), toString());
    }

    /** Asserts a usage error: exit 2, every {@code named} text and the pointer to --help on stderr, nothing done. */
    public void assertRefused(String... named) {
        assertEquals(CommandLines.USAGE, status, toString());
        for (String text : named) assertTrue(err.contains(text), text + " in\n" + this);
        assertTrue(err.contains("--help' for more information"), toString());
        assertTrue(out.isEmpty(), "nothing done: " + this);
    }

    /** Both streams, for assertion messages. */
    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
