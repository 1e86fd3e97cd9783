package io.cutover.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.StartInputParser;
import io.cutover.replication.EndpointSpec;
import io.cutover.replication.TaskDescription;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.StepError;
import io.cutover.runbook.ThawApplications;
import io.cutover.testing.FakeAppMap;
import io.cutover.testing.FakeProbes;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10 item 5: the run's own PostgreSQL source endpoint (SlotName, PluginName), made once, removed by rollback. */
class SourceEndpointSetupTest {
    final FakeReplication replication = new FakeReplication();
    final FakeRunStore runs = new FakeRunStore();
    final SourceEndpointSetup setup = new SourceEndpointSetup(replication, runs);

    static RunState state(boolean withEndpoint, String plugin) {
        ObjectNode raw = SampleEvents.load("start-postgres.json");
        if (!withEndpoint) ((ObjectNode) raw.get("dms")).remove("sourceEndpointArn");
        ((ObjectNode) raw.get("dms")).put("postgresPlugin", plugin);
        return new RunState("run-9", StartInputParser.parse(raw), null,
                new RunState.Instances(new RunState.Address("src.internal", 5432), new RunState.Address("rep", 5432)),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void withoutAnEndpointInTheInputTheRunMakesItsOwnReadingItsSlotWithItsDecoder() {
        RunState.SourceEndpoint made = setup.createSourceEndpoint(state(false, "pglogical"));
        assertTrue(made.created() && made.runOwned());
        assertEquals(ResourceNames.sourceEndpointId("run-9"), made.endpointIdentifier());
        EndpointSpec spec = replication.createdEndpoints.get(0);
        assertEquals(EndpointSpec.EndpointType.SOURCE, spec.type());
        assertEquals("src.internal", spec.host());
        assertEquals(ResourceNames.slotName("run-9"), spec.slotName());
        assertEquals("pglogical", spec.plugin());
        assertEquals("run-9", spec.runId(), "tagged with the run");
        assertEquals(made.endpointArn(), runs.run("run-9").orElseThrow().resources().get(ResourceNames.SOURCE_ENDPOINT));

        // A retried step finds it by its identifier instead of making a second one.
        RunState.SourceEndpoint again = setup.createSourceEndpoint(state(false, "pglogical"));
        assertEquals(made.endpointArn(), again.endpointArn());
        assertFalse(again.created());
        assertTrue(again.runOwned(), "still tested by the run");
        assertEquals(1, replication.createdEndpoints.size());
    }

    @Test
    void anEndpointTheInputNamesIsUsedAsItIs() {
        RunState.SourceEndpoint given = setup.createSourceEndpoint(state(true, "test_decoding"));
        assertFalse(given.runOwned());
        assertTrue(replication.createdEndpoints.isEmpty());
        assertNull(runs.run("run-9").map(r -> r.resources().get(ResourceNames.SOURCE_ENDPOINT)).orElse(null));
    }

    String rollBack(RunState state) {
        RunState failed = new RunState(state.runId(), state.input(), null, state.instances(), null, null, null, null, null,
                null, null, null, null, null, null, null, new StepError("io.cutover.failure.StepFailed", "{\"errorMessage\":\"boom\"}"),
                null);
        return new Rollback(new ThawApplications(FakeAppMap.open("orders-api", "billing-worker"), runs, Clock.systemUTC()),
                new RunRollback(runs), new FakeProbes(), replication).rollBack(failed).cause();
    }

    @Test
    void rollbackDeletesTheRunsSourceEndpointWhileNoTaskUsesIt() {
        RunState state = state(false, "test_decoding");
        String arn = setup.createSourceEndpoint(state).endpointArn();
        String cause = rollBack(state);
        assertEquals(List.of(arn), replication.deletedEndpoints);
        assertTrue(cause.contains("Deleted the run's own source endpoint " + arn + ": no task uses it."), cause);
        assertTrue(cause.contains("Nothing was frozen"), cause);
    }

    @Test
    void rollbackKeepsItWhileATaskUsesIt() {
        RunState state = state(false, "test_decoding");
        String arn = setup.createSourceEndpoint(state).endpointArn();
        String task = "arn:aws:dms:eu-west-1:123456789012:task:T1";
        runs.recordResource("run-9", "cdcTaskArn", task);
        replication.tasks.put(task, new TaskDescription(task, "cutover-run-9-cdc", "ready", null, null, null, null));
        String cause = rollBack(state);
        assertTrue(replication.deletedEndpoints.isEmpty());
        assertTrue(cause.contains("The run's source endpoint " + arn + " is kept: the CDC task " + task + " uses it"), cause);
    }

    @Test
    void rollbackKeepsItForATaskCreatedButNotRecorded() {
        RunState state = state(false, "test_decoding");
        String arn = setup.createSourceEndpoint(state).endpointArn();
        String task = "arn:aws:dms:eu-west-1:123456789012:task:T2";
        replication.tasks.put(task, new TaskDescription(task, ResourceNames.cdcTaskId("run-9"), "ready", null, null, null, null));

        String cause = rollBack(state);

        assertTrue(replication.deletedEndpoints.isEmpty(), "DMS would refuse it: a task uses it");
        assertTrue(cause.contains("The run's source endpoint " + arn + " is kept: the CDC task " + task + " uses it"), cause);
    }
}
