package io.cutover.rehearsal.migration;

import io.cutover.cli.CommandLines;
import io.cutover.cli.CommandOutput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./rehearse-migration as a picocli command: its help, and usage errors naming the bad argument before any server starts. */
class MigrationCommandLinesTest {

    private static void refused(CommandOutput r, String... named) {
        assertEquals(CommandLines.USAGE, r.status(), r.toString());
        for (String n : named) assertTrue(r.err().contains(n), n + " in\n" + r);
        assertTrue(r.out().isEmpty(), "nothing started: " + r);
    }

    @Test
    void helpListsEveryOption() {
        CommandOutput help = CommandOutput.of(new MigrationCommand(), "--help");
        assertEquals(0, help.status(), help.toString());
        for (String o : List.of("Usage: rehearse-migration", "--fail-at=STEP", "--drift", "--lob-over-limit", "--parameter-group", "--rows=N",
                "--pace-ms=N", "--quiet", "Exit status:")) {
            assertTrue(help.out().contains(o), o + " in\n" + help);
        }
    }

    @Test
    void aBadValueIsNamed() {
        refused(CommandOutput.of(new MigrationCommand(), "--rows", "10"), "'--rows'", "10 is outside 1000..20000000");
        refused(CommandOutput.of(new MigrationCommand(), "--pace-ms", "0"), "'--pace-ms'", "0 is outside 1..60000");
        refused(CommandOutput.of(new MigrationCommand(), "--fail-at", "Nowhere"), "'--fail-at'", "'Nowhere'",
                "is not a Task state of statemachines/migrate.asl.json");
        refused(CommandOutput.of(new MigrationCommand(), "--drift-not"), "Unknown option: '--drift-not'");
    }
}
