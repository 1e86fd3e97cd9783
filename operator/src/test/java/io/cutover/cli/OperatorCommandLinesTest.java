package io.cutover.cli;

import io.cutover.status.cli.StatusCommand;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./status, ./appmap, ./heartbeat and ./cleanup: generated help, usage errors naming the bad argument, exit status 2. */
class OperatorCommandLinesTest {

    @Test
    void statusHelpListsEveryOption() {
        CommandOutput.of(new StatusCommand(), "--help").assertHelpLists(List.of("--source=ID", "--replica=ID", "--run=RUN_ID",
                "--app=NAME", "--task=ARN", "--input=", "--json", "--watch[=SECONDS]", "--aws", "--local[=STATE_FILE]",
                "--report=FILE", "--runs-table=NAME", "--appmap-table=NAME", "3   no report at all"));
    }

    @Test
    void appmapHelpListsOptionsAndCommands() {
        CommandOutput.of(new AppMapCommand(), "--help").assertHelpLists(List.of("--table=NAME", "--endpoint-url=URL",
                "--region=REGION", "create-table", "load", "list", "show"));
        CommandOutput load = CommandOutput.of(new AppMapCommand(), "load", "--help");
        assertEquals(0, load.status(), load.toString());
        assertTrue(load.out().startsWith("Usage: appmap load [-h] FILE"), load.toString());
    }

    @Test
    void heartbeatHelpListsOptionsAndCommands() {
        CommandOutput.of(new HeartbeatCommand(), "--help").assertHelpLists(List.of("--table=NAME", "--endpoint-url=URL",
                "--secrets-file=FILE", "init", "run", "show"));
        CommandOutput run = CommandOutput.of(new HeartbeatCommand(), "run", "--help");
        assertEquals(0, run.status(), run.toString());
        for (String o : List.of("--interval-ms=N", "--count=N", "--rows=N", "APP")) assertTrue(run.out().contains(o), run.toString());
    }

    @Test
    void cleanupHelpListsEveryOption() {
        CommandOutput.of(new io.cutover.cleanup.cli.CleanupCommand(), "--help").assertHelpLists(List.of("RUN_ID", "--execute",
                "--stop-tasks", "--wait-seconds=SECONDS", "--poll-seconds=SECONDS", "--runs-table=NAME", "1   refused"));
    }

    @Test
    void aBadOptionIsNamed() {
        CommandOutput.of(new StatusCommand(), "--bogus").assertRefused("status: Unknown option: '--bogus'");
        CommandOutput.of(new AppMapCommand(), "--tabel", "x", "list").assertRefused("appmap: Unknown options: '--tabel'", "Possible solutions: --table");
        CommandOutput.of(new HeartbeatCommand(), "run", "app", "--cuont", "3").assertRefused("heartbeat: Unknown options: '--cuont'");
        CommandOutput.of(new AppMapCommand(), "frobnicate").assertRefused("'frobnicate'");
        CommandOutput.of(new AppMapCommand()).assertRefused("Missing required subcommand");
        CommandOutput.of(new HeartbeatCommand(), "show").assertRefused("Missing required parameter: 'APP'");
    }

    @Test
    void aBadValueIsNamed() {
        CommandOutput.of(new StatusCommand(), "--report", "r.json", "--watch", "soon").assertRefused("'--watch'", "'soon'");
        CommandOutput.of(new StatusCommand(), "--report", "r.json", "--watch", "0").assertRefused("'--watch'", "0 is outside 1..86400");
        CommandOutput.of(new StatusCommand(), "--local", "--report", "r.json").assertRefused("--local", "--report", "mutually exclusive");
        CommandOutput.of(new HeartbeatCommand(), "run", "app", "--count", "many").assertRefused("'--count'", "'many'");
        CommandOutput.of(new HeartbeatCommand(), "show", "app", "--rows", "0").assertRefused("'--rows'", "0 is outside 1..1000");
        CommandOutput.of(new AppMapCommand(), "--endpoint-url", "http://a b", "list").assertRefused("'--endpoint-url'", "'http://a b'");
    }
}
