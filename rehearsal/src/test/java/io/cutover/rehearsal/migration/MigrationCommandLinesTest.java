package io.cutover.rehearsal.migration;

import io.cutover.cli.CommandOutput;
import org.junit.jupiter.api.Test;

import java.util.List;

/** ./rehearse-migration as a picocli command: its help, and usage errors naming the bad argument before any server starts. */
class MigrationCommandLinesTest {

    @Test
    void helpListsEveryOption() {
        CommandOutput.of(new MigrationCommand(), "--help").assertHelpLists(List.of("Usage: rehearse-migration",
                "--fail-at=STEP", "--drift", "--s3", "--parameter-group", "--two-way-door", "--no-failback",
                "--lob-over-limit", "--parameter-group", "--rows=N", "--pace-ms=N", "--quiet"));
    }

    @Test
    void aBadValueIsNamed() {
        CommandOutput.of(new MigrationCommand(), "--rows", "10").assertRefused("'--rows'", "10 is outside 1000..20000000");
        CommandOutput.of(new MigrationCommand(), "--pace-ms", "0").assertRefused("'--pace-ms'", "0 is outside 1..60000");
        CommandOutput.of(new MigrationCommand(), "--fail-at", "Nowhere").assertRefused("'--fail-at'", "'Nowhere'",
                "is not a Task state of statemachines/migrate.asl.json");
        CommandOutput.of(new MigrationCommand(), "--drift-not").assertRefused("Unknown option: '--drift-not'");
    }

    @Test
    void theTwoWayDoorRefusesWhatItDoesNotRehearse() {
        CommandOutput.of(new MigrationCommand(), "--no-failback").assertRefused("'--no-failback'", "only with --two-way-door");
        CommandOutput.of(new MigrationCommand(), "--two-way-door", "--drift").assertRefused("'--drift'", "not with --two-way-door");
        CommandOutput.of(new MigrationCommand(), "--two-way-door", "--s3").assertRefused("'--s3'", "not with --two-way-door");
        CommandOutput.of(new MigrationCommand(), "--two-way-door", "--lob-over-limit")
                .assertRefused("'--lob-over-limit'", "not with --two-way-door");
        CommandOutput.of(new MigrationCommand(), "--two-way-door", "--fail-at", "ValidateData")
                .assertRefused("'--fail-at'", "not with --two-way-door");
    }
}
