package io.cutover.cleanup.cli;

import io.cutover.cleanup.LeftRunning;
import io.cutover.cli.CommandLines;
import io.cutover.cli.CommandOutput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./cleanup over the fakes: the printed plan, its exit status, --execute, --stop-tasks, and bad arguments named. */
class CleanupCommandTest {
    private final LeftRunning left = new LeftRunning().stopsAndGoes();

    private CommandOutput cleanup(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--runs-table";
        all[1] = "cutover-runs";
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandOutput.of(new CleanupCommand(table -> {
            assertEquals("cutover-runs", table);
            return left.cleanup();
        }), all);
    }

    @Test
    void aRunningTaskRefusesAndTheRefusalNamesIt() {
        CommandOutput r = cleanup(LeftRunning.RUN, "--execute");

        assertEquals(CommandLines.FAILED, r.status(), r.toString());
        assertTrue(r.out().contains("DMS task cutover-promote-42-"), r.toString());
        assertTrue(r.out().contains("read by:    itself: running (CDC in progress)"), r.toString());
        assertTrue(r.out().contains("action:     REFUSED - DMS refuses to delete a running task: stop it first (--stop-tasks"), r.toString());
        assertTrue(r.out().contains("Refused: 4 resource(s) still read. Nothing was changed."), r.toString());
        assertEquals(List.of(), left.dms.stoppedTasks);
        assertEquals(List.of(), left.dms.deletedEndpoints);
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() {
        CommandOutput r = cleanup(LeftRunning.RUN, "--stop-tasks");

        assertEquals(CommandLines.OK, r.status(), r.toString());
        assertTrue(r.out().contains("action:     stop, wait until stopped, delete"), r.toString());
        assertTrue(r.out().contains("created by: this run - tagged cutover:managed=true, cutover:run-id=promote-42"), r.toString());
        assertTrue(r.out().contains("logical slot " + LeftRunning.SLOT + " on orders-prod.example:5432/orders [inactive]"), r.toString());
        assertTrue(r.out().endsWith("Dry run: nothing was changed. --execute carries the plan out.\n"), r.toString());
        assertEquals(List.of(), left.dms.stoppedTasks);
        assertEquals(List.of(), left.dms.deletedTasks);
    }

    @Test
    void stopTasksExecuteRemovesEverythingAndASecondRunIsANoOp() {
        CommandOutput r = cleanup(LeftRunning.RUN, "--stop-tasks", "--execute", "--poll-seconds", "5", "--wait-seconds", "60");

        assertEquals(CommandLines.OK, r.status(), r.toString());
        assertEquals(List.of(left.task), left.dms.stoppedTasks);
        assertEquals(List.of(left.task), left.dms.deletedTasks);
        assertEquals(List.of(left.source, left.target), left.dms.deletedEndpoints);
        assertEquals(1, left.probes.slotsDropped.size());
        assertTrue(r.out().contains("done: dropped " + LeftRunning.SLOT + " on orders-prod.example:5432/orders"), r.toString());
        assertTrue(left.pauses.stream().allMatch(d -> d.toSeconds() == 5), left.pauses.toString());

        left.probes.slotUse.clear();
        CommandOutput again = cleanup(LeftRunning.RUN, "--stop-tasks", "--execute");
        assertEquals(CommandLines.OK, again.status(), again.toString());
        assertTrue(again.out().endsWith("Nothing to do: what the run created is gone.\n"), again.toString());
        assertEquals(1, left.dms.deletedTasks.size());
    }

    @Test
    void anUnknownRunFails() {
        CommandOutput r = cleanup("no-such-run");
        assertEquals(CommandLines.FAILED, r.status(), r.toString());
        assertTrue(r.err().contains("cleanup: no run no-such-run in the runs table"), r.toString());
    }

    @Test
    void badArgumentsAreNamedAndNothingIsDone() {
        for (List<String> args : List.<List<String>>of(List.of("bad id!"), List.of("r1", "--wait-seconds", "0"),
                List.of("r1", "--poll-seconds", "soon"), List.of("r1", "--poll-seconds", "60", "--wait-seconds", "30"),
                List.of("r1", "--stop-task"), List.of())) {
            CommandOutput r = cleanup(args.toArray(String[]::new));
            assertEquals(CommandLines.USAGE, r.status(), r.toString());
            assertTrue(r.out().isEmpty(), r.toString());
        }
        assertTrue(cleanup("bad id!").err().contains("Invalid value for option 'RUN_ID': 'bad id!' is not a run id"));
        assertTrue(cleanup("r1", "--wait-seconds", "0").err().contains("'--wait-seconds': 0 is outside 1..86400"));
        assertTrue(cleanup("r1", "--poll-seconds", "60", "--wait-seconds", "30").err()
                .contains("'--poll-seconds': 60 is longer than --wait-seconds 30"));
        assertTrue(cleanup("r1", "--stop-task").err().contains("Unknown option: '--stop-task'"));
        assertTrue(cleanup().err().contains("Missing required parameter: 'RUN_ID'"));
        CommandOutput noTable = CommandOutput.of(new CleanupCommand(t -> left.cleanup()), "r1");
        if (System.getenv("CUTOVER_RUNS_TABLE") == null) {
            assertEquals(CommandLines.USAGE, noTable.status(), noTable.toString());
            assertTrue(noTable.err().contains("'--runs-table'"), noTable.toString());
        }
    }
}
