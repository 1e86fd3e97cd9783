package io.cutover.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.NotReadyYet;
import io.cutover.failure.StepFailed;
import io.cutover.input.StartInputParser;
import io.cutover.instance.InstanceDescription;
import io.cutover.probe.OpenTransactions;
import io.cutover.probe.ReplicaLag;
import io.cutover.testing.FakeAppMap;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.FakeSecrets;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Oracle side of a promote-replica run over fakes: mounted replicas, the SCN taken before the
 * open-transaction check, the idle frozen primary, and the promoted database's own fork point.
 */
class OracleRunTest {
    final FakeProbes probes = new FakeProbes();
    final FakeRunStore runs = new FakeRunStore();

    static RunState state(RunState.SyncCheck sync, RunState.CapturedPosition position) {
        ObjectNode raw = SampleEvents.load("start-oracle.json");
        return new RunState("ora-1", StartInputParser.parse(raw), null,
                new RunState.Instances(new RunState.Address("src", 1521), new RunState.Address("rep", 1521)),
                null, null, sync, position, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aMountedReplicaIsRefused() {
        FakeInstances instances = new FakeInstances().put(FakeInstances.primary("ledger-prod", "oracle-ee"));
        InstanceDescription r = FakeInstances.replica("ledger-prod-replica", "ledger-prod", "oracle-ee", "available");
        instances.put(new InstanceDescription(r.id(), r.arn(), r.status(), r.engine(), r.replicaSourceId(), r.host(), 1521,
                false, List.of(), Map.of(), 0, "mounted"));
        FakeReplication dms = FakeReplication.ready("arn:aws:dms:eu-west-1:123456789012:rep:LEDGERREPLINSTANCE1",
                "arn:aws:dms:eu-west-1:123456789012:endpoint:LEDGERPRODSOURCE01", "ledger-source");
        Preflight preflight = new Preflight(instances, dms, probes, FakeAppMap.open("ledger-api"), new FakeSecrets(), null);
        String m = assertThrows(StepFailed.class, () -> preflight.check(state(null, null))).getMessage();
        assertTrue(m.contains("replica ledger-prod-replica is a mounted Oracle replica (ReplicaMode mounted): it accepts no"
                + " connections"), m);
    }

    /** SCN first, then V$TRANSACTION: a transaction starting in between starts after the SCN, and DMS captures it. */
    @Test
    void theScnIsReadBeforeTheOpenTransactions() {
        probes.current = "5000";
        probes.lag = new ReplicaLag(0, 0, "5000", "5000");
        new PositionCapture(probes, runs, Clock.systemUTC()).capturePosition(state(null, null));
        assertEquals(List.of("currentPosition", "openTransactions", "lag"), probes.calls.subList(0, 3));
    }

    /**
     * An idle frozen primary: its SCN moves on without redo, so the standby never reaches "the
     * current SCN". The SCN found free of transactions is kept across retries, and a log switch
     * ships the redo the standby needs to reach it.
     */
    @Test
    void onAnIdlePrimaryTheCapturedScnIsKeptAndALogSwitchShipsItsRedo() {
        PositionCapture capture = new PositionCapture(probes, runs, Clock.systemUTC());
        probes.current = "5000";
        probes.lag = new ReplicaLag(3, 100, "5100", "4900");
        NotReadyYet e = assertThrows(NotReadyYet.class, () -> capture.capturePosition(state(null, null)));
        assertTrue(e.getMessage().contains("not yet the captured SCN 5000; a log switch was requested"), e.getMessage());
        assertEquals(1, probes.redoForced.get());

        probes.current = "5300";                                   // the idle SCN moved on
        probes.open = new OpenTransactions(1, "5250");             // a transaction that started after 5000
        probes.lag = new ReplicaLag(0, 300, "5300", "5001");       // the standby applied the switched log
        RunState.CapturedPosition p = capture.capturePosition(state(null, null));
        assertEquals("5000", p.value());
        assertEquals("5000", runs.run("ora-1").orElseThrow().position());
    }

    @Test
    void theFrozenSyncCheckDoesNotChaseAnIdlePrimarysScn() {
        CheckReplicaSync check = new CheckReplicaSync(probes, Clock.systemUTC());
        probes.lag = new ReplicaLag(2, 60, "1000", "940");
        RunState.SyncCheck first = check.check(state(null, null));
        assertFalse(first.inSync());
        assertEquals(1, probes.redoForced.get(), "a log switch ships the redo");

        probes.lag = new ReplicaLag(0, 30, "1030", "1000");        // SCN moved on, standby reached the first target
        RunState.SyncCheck second = check.check(state(first, null));
        assertTrue(second.inSync(), second.toString());
    }

    RunState promoted(String fork) {
        probes.fork = fork;
        return state(null, new RunState.CapturedPosition("oracle", "5000", "V$DATABASE.CURRENT_SCN", null, null, null));
    }

    @Test
    void cdcStartsAtTheCapturedScnWhenNothingCommittedBeforeTheFork() {
        PositionCapture capture = new PositionCapture(probes, runs, Clock.systemUTC());
        RunState.CapturedPosition same = capture.resolveStartPosition(promoted("5000"));
        assertEquals("5000", same.value());
        assertTrue(same.how().contains("forked exactly there"), same.how());

        RunState.CapturedPosition later = capture.resolveStartPosition(promoted("5400"));
        assertEquals("5000", later.value());
        assertTrue(later.how().contains("forked later, at 5400 (fake fork), and no user transaction committed on the source"
                + " in between"), later.how());
    }

    /** Writes the freeze does not cover, committed before the fork: the run stops rather than apply them twice. */
    @Test
    void changesBetweenTheCapturedScnAndTheForkFailSafe() {
        PositionCapture capture = new PositionCapture(probes, runs, Clock.systemUTC());
        probes.commitsBetween = 2;
        String m = assertThrows(StepFailed.class, () -> capture.resolveStartPosition(promoted("5400"))).getMessage();
        assertTrue(m.contains("forked at SCN 5400 (fake fork), past the captured SCN 5000, and 2 user transaction(s)"
                + " committed on the source in between"), m);
        assertTrue(m.contains("no CDC task was created"), m);

        String early = assertThrows(StepFailed.class, () -> capture.resolveStartPosition(promoted("4000"))).getMessage();
        assertTrue(early.contains("before the captured SCN 5000"), early);
    }
}
