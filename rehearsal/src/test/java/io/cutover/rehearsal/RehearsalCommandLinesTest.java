package io.cutover.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cli.CommandOutput;
import io.cutover.json.Json;
import io.cutover.rehearsal.twoway.TwoWayCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./rehearse and ./rehearse-twoway as picocli commands: generated help, the options mapped to a
 * rehearsal, usage errors naming the bad argument with exit status 2 - all before any server starts.
 */
class RehearsalCommandLinesTest {

    @Test
    void rehearseHelpListsEveryOption() {
        CommandOutput.of(new RehearsalCommand(), "--help").assertHelpLists(List.of("Usage: rehearse", "--no-freeze",
                "--fail-at=STEP", "--fleet=N", "--lose-events", "--duplicate-events", "--reorder-events",
                "--event-wait=SECONDS", "--quiet", "--keep-running", "--benchmark[=ROUNDS]", "-h, --help", "PromoteReplica"));
    }

    @Test
    void twoWayHelpListsEveryOption() {
        CommandOutput.of(new TwoWayCommand(), "--help").assertHelpLists(List.of("Usage: rehearse-twoway", "--fail-at=STEP",
                "--pace-ms=N", "--quiet", "--hold", "VerifyBackwardFlow"));
    }

    @Test
    void optionsBecomeTheRehearsal() {
        RehearsalCommand command = new RehearsalCommand();
        new CommandLine(command).parseArgs("--no-freeze", "--fail-at", "PromoteReplica", "--fleet", "3", "--lose-events",
                "--duplicate-events", "--quiet");
        RehearsalOptions o = command.options();
        assertFalse(o.freeze());
        assertEquals("PromoteReplica", o.failAt());
        assertEquals(3, o.fleet());
        assertTrue(o.events().lose());
        assertEquals(2, o.events().duplicates());
        assertEquals(Duration.ofSeconds(3), o.eventWait(), "lost events: poll soon");
        assertFalse(o.verbose());

        RehearsalCommand defaults = new RehearsalCommand();
        new CommandLine(defaults).parseArgs("--reorder-events");
        RehearsalOptions d = defaults.options();
        assertTrue(d.freeze() && d.verbose());
        assertNull(d.failAt());
        assertEquals(1, d.fleet());
        assertEquals(Duration.ofSeconds(30), d.eventWait());
        assertTrue(d.events().reorder());
        assertEquals(Duration.ofSeconds(1), d.events().delay());
    }

    @Test
    void aBadOptionIsNamed() {
        CommandOutput.of(new RehearsalCommand(), "--freeze-not").assertRefused("rehearse: Unknown option: '--freeze-not'");
        CommandOutput.of(new TwoWayCommand(), "--fleet", "2").assertRefused("rehearse-twoway: Unknown option");
    }

    @Test
    void aBadValueIsNamed() {
        CommandOutput.of(new RehearsalCommand(), "--fleet", "many").assertRefused("'--fleet'", "'many'");
        CommandOutput.of(new RehearsalCommand(), "--fleet", "21").assertRefused("'--fleet'", "21 is outside 1..20");
        CommandOutput.of(new RehearsalCommand(), "--event-wait", "0").assertRefused("'--event-wait'", "0 is outside 1..3600");
        CommandOutput.of(new RehearsalCommand(), "--fail-at", "PromoteReplicaa").assertRefused("'--fail-at'", "'PromoteReplicaa'");
        CommandOutput.of(new RehearsalCommand(), "--benchmark", "0").assertRefused("'--benchmark'", "0 is outside 1..100");
        CommandOutput.of(new TwoWayCommand(), "--fail-at", "Nowhere").assertRefused("'--fail-at'", "'Nowhere'");
        CommandOutput.of(new TwoWayCommand(), "--pace-ms", "0").assertRefused("'--pace-ms'", "0 is outside 1..60000");
        CommandOutput.of(new TwoWayCommand(), "--pace-ms", "fast").assertRefused("'--pace-ms'", "'fast'");
    }

    /** A step --fail-at offers must be a Task state of its machine: a renamed state fails here, not in a rehearsal. */
    @Test
    void everyFaultStepIsATaskStateOfItsMachine() throws Exception {
        assertTaskStates("promote-replica", RehearsalCommand.FaultState.values());
        assertTaskStates("switchover", TwoWayCommand.FaultState.values());
    }

    private static void assertTaskStates(String machine, Enum<?>[] steps) throws Exception {
        JsonNode states = Json.mapper().readTree(Path.of("..", "statemachines", machine + ".asl.json").toFile()).path("States");
        for (Enum<?> step : steps) {
            assertEquals("Task", states.path(step.name()).path("Type").asText(), step + " in " + machine);
        }
    }
}
