package io.cutover.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.probe.SlotRemoval;
import io.cutover.replication.TaskDescription;
import io.cutover.testing.FakeAppMap;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a rollback does with the run's logical slot and publication (they retain WAL on the source). */
class RollbackTest {
    final FakeProbes probes = new FakeProbes();
    final FakeReplication replication = new FakeReplication();
    final FakeRunStore runs = new FakeRunStore();
    final String slot = ResourceNames.slotName("run-9");

    @BeforeEach
    void slotMade() {
        runs.recordResource("run-9", "logicalSlot", slot);
    }

    String rollBack(RunState state) {
        Rollback rollback = new Rollback(new ThawApplications(FakeAppMap.open("orders-api", "billing-worker"), runs,
                Clock.systemUTC()), new RunRollback(runs), probes, replication);
        return rollback.rollBack(state).cause();
    }

    @Test
    void anUnreadSlotAndItsPublicationAreDroppedAndTheCauseSaysSo() {
        String cause = rollBack(PositionCaptureTest.state(r -> { }));
        assertEquals(List.of(slot + "/" + slot), probes.slotsDropped);
        assertTrue(cause.contains("Dropped the logical slot " + slot + " and publication " + slot
                + " on the source: no task reads them"), cause);
    }

    @Test
    void theInputCanKeepThem() {
        String cause = rollBack(PositionCaptureTest.state(r -> ((ObjectNode) r.get("dms")).put("keepSlotOnRollback", true)));
        assertEquals(List.of(), probes.slotsDropped);
        assertTrue(cause.contains("are kept on the source, as dms.keepSlotOnRollback asks"), cause);
        assertTrue(cause.contains("SELECT pg_drop_replication_slot('" + slot + "'); DROP PUBLICATION " + slot + ";"), cause);
    }

    @Test
    void aSlotATaskReadsIsKept() {
        String task = "arn:aws:dms:eu-west-1:123456789012:task:T1";
        runs.recordResource("run-9", "cdcTaskArn", task);
        replication.tasks.put(task, new TaskDescription(task, "cutover-run-9-cdc", "running", null, null, "0/1", null));
        String cause = rollBack(PositionCaptureTest.state(r -> { }));
        assertEquals(List.of(), probes.slotsDropped);
        assertTrue(cause.contains("are kept: the CDC task cutover-run-9-cdc (running) reads them"), cause);

        replication.tasks.clear();
        probes.removal = new SlotRemoval(SlotRemoval.Outcome.IN_USE, 777);
        String read = rollBack(PositionCaptureTest.state(r -> { }));
        assertTrue(read.contains("The logical slot " + slot + " is kept: session pid 777 reads it"), read);
    }
}
