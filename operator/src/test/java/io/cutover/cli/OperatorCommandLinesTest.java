package io.cutover.cli;

import io.cutover.status.cli.StatusCommand;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./status, ./appmap, ./heartbeat and ./cleanup: generated help, usage errors naming the bad argument, exit status 2. */
class OperatorCommandLinesTest {

    private static void helpLists(CommandOutput help, List<String> options) {
        assertEquals(CommandLines.OK, help.status(), help.toString());
        assertTrue(help.out().startsWith("Usage: "), help.toString());
        for (String option : options) assertTrue(help.out().contains(option), option + " in\n" + help);
        assertTrue(help.out().contains("Exit status:"), help.toString());
        assertTrue(help.err().isEmpty(), help.toString());
    }

    private static void refused(CommandOutput r, String... named) {
        assertEquals(CommandLines.USAGE, r.status(), r.toString());
        for (String n : named) assertTrue(r.err().contains(n), n + " in\n" + r);
        assertTrue(r.err().contains("--help' for more information"), r.toString());
        assertTrue(r.out().isEmpty(), "nothing done: " + r);
    }

    @Test
    void statusHelpListsEveryOption() {
        helpLists(CommandOutput.of(new StatusCommand(), "--help"), List.of("--source=ID", "--replica=ID", "--run=RUN_ID",
                "--app=NAME", "--task=ARN", "--input=", "--json", "--watch[=SECONDS]", "--aws", "--local[=STATE_FILE]",
                "--report=FILE", "--runs-table=NAME", "--appmap-table=NAME", "3   no report at all"));
    }

    @Test
    void appmapHelpListsOptionsAndCommands() {
        helpLists(CommandOutput.of(new AppMapCommand(), "--help"), List.of("--table=NAME", "--endpoint-url=URL",
                "--region=REGION", "create-table", "load", "list", "show"));
        CommandOutput load = CommandOutput.of(new AppMapCommand(), "load", "--help");
        assertEquals(0, load.status(), load.toString());
        assertTrue(load.out().startsWith("Usage: appmap load [-h] FILE"), load.toString());
    }

    @Test
    void heartbeatHelpListsOptionsAndCommands() {
        helpLists(CommandOutput.of(new HeartbeatCommand(), "--help"), List.of("--table=NAME", "--endpoint-url=URL",
                "--secrets-file=FILE", "init", "run", "show"));
        CommandOutput run = CommandOutput.of(new HeartbeatCommand(), "run", "--help");
        assertEquals(0, run.status(), run.toString());
        for (String o : List.of("--interval-ms=N", "--count=N", "--rows=N", "APP")) assertTrue(run.out().contains(o), run.toString());
    }

    @Test
    void cleanupHelpListsEveryOption() {
        helpLists(CommandOutput.of(new io.cutover.cleanup.cli.CleanupCommand(), "--help"), List.of("RUN_ID", "--execute",
                "--stop-tasks", "--wait-seconds=SECONDS", "--poll-seconds=SECONDS", "--runs-table=NAME", "1   refused"));
    }

    @Test
    void aBadOptionIsNamed() {
        refused(CommandOutput.of(new StatusCommand(), "--bogus"), "status: Unknown option: '--bogus'");
        refused(CommandOutput.of(new AppMapCommand(), "--tabel", "x", "list"), "appmap: Unknown options: '--tabel'", "Possible solutions: --table");
        refused(CommandOutput.of(new HeartbeatCommand(), "run", "app", "--cuont", "3"), "heartbeat: Unknown options: '--cuont'");
        refused(CommandOutput.of(new AppMapCommand(), "frobnicate"), "'frobnicate'");
        refused(CommandOutput.of(new AppMapCommand()), "Missing required subcommand");
        refused(CommandOutput.of(new HeartbeatCommand(), "show"), "Missing required parameter: 'APP'");
    }

    @Test
    void aBadValueIsNamed() {
        refused(CommandOutput.of(new StatusCommand(), "--report", "r.json", "--watch", "soon"), "'--watch'", "'soon'");
        refused(CommandOutput.of(new StatusCommand(), "--report", "r.json", "--watch", "0"), "'--watch'", "0 is outside 1..86400");
        refused(CommandOutput.of(new StatusCommand(), "--local", "--report", "r.json"), "--local", "--report", "mutually exclusive");
        refused(CommandOutput.of(new HeartbeatCommand(), "run", "app", "--count", "many"), "'--count'", "'many'");
        refused(CommandOutput.of(new HeartbeatCommand(), "show", "app", "--rows", "0"), "'--rows'", "0 is outside 1..1000");
        refused(CommandOutput.of(new AppMapCommand(), "--endpoint-url", "http://a b", "list"), "'--endpoint-url'", "'http://a b'");
    }
}
