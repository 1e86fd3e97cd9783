package io.cutover.rehearsal;

import io.cutover.cleanup.RunCleanup;
import io.cutover.cleanup.cli.CleanupCommand;
import io.cutover.cli.CommandLines;
import io.cutover.cli.CommandOutput;
import io.cutover.migrate.validation.Pause;
import io.cutover.promote.ResourceNames;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.run.RunRecord;
import io.cutover.runbook.Ports;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./cleanup on the end state of a real promote-replica rehearsal run (a running CDC task - a
 * logical replication subscription on the promoted server -, the run's target endpoint, the
 * DBA's source endpoint naming the run's slot, the slot and publication on the source
 * PostgreSQL): refused while the task runs; with --stop-tasks --execute everything the run made
 * is gone, pg_replication_slots included; a second run does nothing. Used by the test that
 * already leaves that state ({@link StatusRehearsalTest}), so no run is added for it.
 */
final class CleanupRehearsal {
    private CleanupRehearsal() {
    }

    static void cleansUpWhatTheRunLeft(LocalCloud cloud, RehearsalPair pair, String runId, PrintStream out) throws SQLException {
        Ports ports = cloud.ports();
        String slot = ResourceNames.slotName(runId);
        String task = ResourceNames.cdcTaskId(runId);
        RunRecord run = ports.runs().run(runId).orElseThrow();
        String taskArn = run.resources().get("cdcTaskArn");
        String targetEndpoint = run.resources().get("targetEndpointArn");
        assertEquals("running", ports.replication().describeTask(taskArn).orElseThrow().status());
        assertTrue(slots(pair).contains(slot), "the run's slot is on the source: " + slots(pair));

        CommandOutput refused = cleanup(cloud, runId);
        out.print(refused.out());
        assertEquals(CommandLines.FAILED, refused.status(), refused.toString());
        assertTrue(refused.out().contains("DMS task " + task + " [running]"), refused.toString());
        assertTrue(refused.out().contains("action:     REFUSED - DMS refuses to delete a running task"), refused.toString());
        assertTrue(refused.out().contains("Nothing was changed."), refused.toString());
        assertEquals("running", ports.replication().describeTask(taskArn).orElseThrow().status(), "refused: untouched");

        CommandOutput done = cleanup(cloud, runId, "--stop-tasks", "--execute", "--poll-seconds", "1", "--wait-seconds", "60");
        out.print(done.out());
        assertEquals(CommandLines.OK, done.status(), done.toString());
        assertTrue(ports.replication().describeTask(taskArn).isEmpty(), "task deleted");
        assertTrue(ports.replication().describeEndpoint(targetEndpoint).isEmpty(), "the run's target endpoint deleted");
        assertTrue(ports.replication().describeEndpoint(pair.sourceEndpointArn).isPresent(),
                "the DBA's source endpoint (no cutover tags) is kept");
        List<String> left = slots(pair);
        assertFalse(left.contains(slot), "the run's slot is gone from pg_replication_slots: " + left);
        assertFalse(left.contains(LocalReplication.pgoutputCopy(LocalReplication.subscriptionName(task))),
                "and the task's own copy with it: " + left);
        assertTrue(done.out().contains("done: dropped " + slot + " on "), done.toString());

        CommandOutput again = cleanup(cloud, runId, "--stop-tasks", "--execute");
        out.print(again.out());
        assertEquals(CommandLines.OK, again.status(), again.toString());
        assertTrue(again.out().endsWith("Nothing to do: what the run created is gone.\n"), again.toString());
    }

    private static CommandOutput cleanup(LocalCloud cloud, String... args) {
        List<String> all = new ArrayList<>(List.of("--runs-table", LocalCloud.RUNS_TABLE));
        all.addAll(List.of(args));
        Ports p = cloud.ports();
        return CommandOutput.of(new CleanupCommand(table -> new RunCleanup(p.runs(), p.replication(), p.probes(), Pause.SLEEP)),
                all.toArray(String[]::new));
    }

    private static List<String> slots(RehearsalPair pair) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pair.cluster.primary().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots ORDER BY 1")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }
}
