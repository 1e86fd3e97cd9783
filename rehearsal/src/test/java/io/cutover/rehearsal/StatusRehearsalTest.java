package io.cutover.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cli.CommandOutput;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.promote.ResourceNames;
import io.cutover.rehearsal.local.LocalReplication;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.rehearsal.status.CloudState;
import io.cutover.rehearsal.status.LocalStatusFunction;
import io.cutover.report.ExecutionGraphSvg;
import io.cutover.report.StateOutcomes;
import io.cutover.status.AppEntry;
import io.cutover.status.EndpointStatus;
import io.cutover.status.InstanceStatus;
import io.cutover.status.LogTail;
import io.cutover.status.Note;
import io.cutover.status.ReplicaPosition;
import io.cutover.status.ReplicationSlot;
import io.cutover.status.ReportText;
import io.cutover.status.RunSummary;
import io.cutover.status.StatusCollector;
import io.cutover.status.StatusReport;
import io.cutover.status.StatusRequest;
import io.cutover.status.StepTiming;
import io.cutover.replication.TableStatistic;
import io.cutover.status.TaskStatus;
import io.cutover.status.WalSender;
import io.cutover.status.cli.StatusCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status against the local rehearsal: a real PostgreSQL primary with its streaming replica,
 * DynamoDB Local, the local DMS, and the real promote-replica machine run in between. One pair
 * goes through the whole story in order: before the run, after the promotion, as the status
 * command prints it, a second run that rolls back (for the graph's colours), and a stopped replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusRehearsalTest {
    static final PrintStream OUT = System.out;
    static LocalCloud cloud;
    static Rehearsal rehearsal;
    static StatusCollector collector;
    static RehearsalPair pair;
    static String runId;
    static ObjectNode startInput;
    static ExecutionResult promotion;
    static long appVersionBefore;
    @TempDir
    static Path dir;

    @BeforeAll
    static void pairInTheLocalCloud() throws Exception {
        cloud = new LocalCloud(Duration.ofSeconds(1));
        rehearsal = new Rehearsal(cloud, OUT);
        LocalStatusFunction.deploy(cloud);
        collector = new StatusCollector(LocalStatusFunction.ports(cloud));
        runId = "status-" + Long.toString(System.nanoTime(), 36);
        pair = rehearsal.preparePair(runId, false);
        startInput = rehearsal.input(pair, quiet());
    }

    @AfterAll
    static void stop() {
        if (pair != null) pair.close();
        cloud.close();
    }

    static RehearsalOptions quiet() {
        return RehearsalOptions.defaults().withVerbose(false).withEventWait(Duration.ofSeconds(20));
    }

    /** The run's start input, as an operator would pass it: names databases, secrets, DMS source endpoint and app. */
    static StatusReport status(String run) {
        ObjectNode in = startInput.deepCopy();
        if (run != null) in.put("runId", run);
        StatusReport report = collector.collect(StatusRequest.fromJson(in));
        OUT.println(ReportText.render(Json.mapper().valueToTree(report)));
        return report;
    }

    @Test
    @Order(1)
    void beforePromotionTheReplicaStreamsThroughItsSlot() {
        StatusReport r = status(null);

        assertEquals(StatusCollector.keys(Engine.POSTGRES), List.copyOf(r.sections().keySet()));
        r.sections().forEach((key, s) -> assertFalse(s.failed(), key + ": " + s.error()));
        InstanceStatus source = content(r, "sourceInstance", InstanceStatus.class);
        InstanceStatus replica = content(r, "replicaInstance", InstanceStatus.class);
        assertEquals("primary", source.role());
        assertEquals(List.of(pair.replicaId), source.replicas());
        assertEquals("127.0.0.1:" + pair.cluster.primary().port(), source.endpoint());
        assertEquals("replica of " + pair.sourceId, replica.role());
        assertEquals("available", replica.status());

        ReplicaPosition lag = content(r, "replicaPosition", ReplicaPosition.class);
        assertEquals("replica", lag.role());
        assertEquals("bytes", lag.distanceUnit());
        assertNotNull(lag.lagSeconds());
        assertTrue(lag.position().matches("[0-9A-F]+/[0-9A-F]+"), lag.position());

        WalSender sender = only(list(r, "sourceReplication", WalSender.class));
        assertEquals("replica_slot", sender.slotName());
        assertEquals("streaming", sender.state());
        ReplicationSlot slot = only(list(r, "sourceSlots", ReplicationSlot.class));
        assertEquals("physical", slot.type());
        assertTrue(slot.active());
        assertTrue(slot.retainedWalBytes() >= 0);
        assertTrue(list(r, "replicaReplication", WalSender.class).isEmpty(), "nothing streams from a replica");
        assertTrue(list(r, "replicaSlots", ReplicationSlot.class).isEmpty());

        LogTail log = content(r, "sourceLog", LogTail.class);
        assertTrue(log.source().startsWith("log/"), log.source());
        assertFalse(log.lines().isEmpty());
        assertFalse(String.join("\n", log.lines()).contains(pair.cluster.credentials().password()), "no password in logs");

        assertInstanceOf(Note.class, r.sections().get("dmsTasks").content(), "no task before the run");
        // The run makes its own source endpoint (SlotName, PluginName): the input names none before the run.
        assertInstanceOf(Note.class, r.sections().get("dmsEndpoints").content(), "no endpoint before the run");
        assertInstanceOf(Note.class, r.sections().get("run").content(), "no run holds the lock yet");
        AppEntry app = only(list(r, "appMap", AppEntry.class));
        assertEquals("OPEN", app.status());
        assertEquals("SITEA", app.activeSite());
        appVersionBefore = app.version();
    }

    @Test
    @Order(2)
    void afterPromotionTheReplicaIsPromotedAndFedByTheCdcTask() throws Exception {
        promotion = rehearsal.start(pair, runId, startInput, quiet(), ExecutionListener.NONE).await(Duration.ofMinutes(3));
        assertTrue(promotion.succeeded(), promotion.toString());
        RunReport done = rehearsal.report(pair, runId, promotion);
        assertTrue(done.dataEqual(), "the rehearsal itself passed");

        StatusReport r = status(runId);

        r.sections().forEach((key, s) -> assertFalse(s.failed(), key + ": " + s.error()));
        RunSummary run = content(r, "run", RunSummary.class);
        assertEquals("SUCCEEDED", run.status());
        assertEquals("CompleteRun", run.currentStep());
        List<String> steps = run.steps().stream().map(StepTiming::step).toList();
        assertTrue(steps.containsAll(List.of("AcquireLock", "Preflight", "PromoteReplica", "CreateCdcTask", "CompleteRun")), steps.toString());
        assertTrue(run.steps().stream().allMatch(s -> s.seconds() != null && s.seconds() >= 0), run.steps().toString());
        assertNotNull(run.resources().get("cdcTaskArn"));

        assertEquals("promoted", content(r, "replicaInstance", InstanceStatus.class).role());
        assertEquals(List.of(), content(r, "sourceInstance", InstanceStatus.class).replicas());
        ReplicaPosition promoted = content(r, "replicaPosition", ReplicaPosition.class);
        assertEquals("promoted", promoted.role());
        assertEquals(run.position(), promoted.forkPosition(), "the fork LSN the run started CDC from");

        String logicalSlot = ResourceNames.slotName(runId);
        List<WalSender> senders = list(r, "sourceReplication", WalSender.class);
        assertTrue(senders.stream().noneMatch(s -> "replica_slot".equals(s.slotName())), "the physical replica is gone: " + senders);
        // DMS reads the run's test_decoding slot; the local DMS's subscription can read only pgoutput,
        // so it streams from a pgoutput copy of that slot (same position), which is active instead.
        String streamed = LocalReplication.pgoutputCopy(LocalReplication.subscriptionName(ResourceNames.cdcTaskId(runId)));
        assertTrue(senders.stream().anyMatch(s -> streamed.equals(s.slotName())), "the CDC subscription streams: " + senders);
        Map<String, ReplicationSlot> slots = new HashMap<>();
        list(r, "sourceSlots", ReplicationSlot.class).forEach(s -> slots.put(s.name(), s));
        assertFalse(slots.get("replica_slot").active(), "kept, inactive: it retains WAL until dropped");
        assertEquals("logical", slots.get(logicalSlot).type());
        assertEquals("test_decoding", slots.get(logicalSlot).plugin(), "a decoder DMS reads");
        assertTrue(slots.get(streamed).active());

        TaskStatus task = only(list(r, "dmsTasks", TaskStatus.class));
        assertEquals("running", task.status());
        assertEquals("cdc", task.migrationType());
        assertEquals(run.position(), task.cdcStartPosition());
        assertNotNull(task.cdcLatency().targetSeconds(), task.cdcLatency().how());
        List<EndpointStatus> endpoints = list(r, "dmsEndpoints", EndpointStatus.class);
        assertEquals(Set.of("source", "target"), Set.copyOf(endpoints.stream().map(EndpointStatus::type).toList()));
        assertTrue(endpoints.stream().allMatch(e -> "successful".equals(e.connections().get(0).status())));
        Map<String, TableStatistic> tables = new HashMap<>();
        list(r, "dmsTableStatistics", TableStatistic.class).forEach(t -> tables.put(t.table(), t));
        assertEquals(Set.copyOf(RehearsalPair.TABLES), tables.keySet());
        for (TableStatistic t : tables.values()) {
            assertEquals(0L, t.rows(), "a CDC task loads nothing (FullLoadRows): " + t.table());
            assertEquals("Table completed", t.state(), t.table());
        }

        AppEntry app = only(list(r, "appMap", AppEntry.class));
        assertEquals("OPEN", app.status(), "thawed");
        assertTrue(app.version() > appVersionBefore, "frozen and thawed since");
    }

    @Test
    @Order(3)
    void theStatusCommandPrintsEverySectionAsJsonFromTheRehearsalsStatusFunction() throws Exception {
        Path state = dir.resolve("cloud.json");
        new CloudState(ProcessHandle.current().pid(), Instant.now(), cloud.endpoint().baseUri().toString(),
                LocalStatusFunction.NAME, cloud.dynamo().endpoint().toString(), LocalCloud.RUNS_TABLE, LocalCloud.APPMAP_TABLE,
                null, List.of(new CloudState.Pair(runId, pair.sourceId, pair.replicaId, pair.application,
                        "127.0.0.1:" + pair.cluster.primary().port(), "127.0.0.1:" + pair.cluster.replica().port(), null)))
                .write(state);
        // No pair named: the state file's pair, run and application.
        CommandOutput report = CommandOutput.of(new StatusCommand(), "--local", state.toString(), "--json");

        assertEquals(StatusCommand.COMPLETE, report.status(), report.toString());
        JsonNode json = Json.mapper().readTree(report.out());
        List<String> keys = new ArrayList<>();
        json.path("sections").fieldNames().forEachRemaining(keys::add);
        assertEquals(StatusCollector.keys(Engine.POSTGRES), keys);
        for (String key : keys) {
            JsonNode section = json.path("sections").path(key);
            assertTrue(section.has("content") ^ section.has("error"), key + ": " + section);
            assertTrue(section.path("title").isTextual(), key);
        }
        assertEquals(runId, json.path("runId").asText());
        assertEquals("promoted", json.at("/sections/replicaInstance/content/role").asText());
        assertEquals("SUCCEEDED", json.at("/sections/run/content/status").asText());
        assertFalse(report.out().contains(pair.cluster.credentials().password()), "no password");

        String page = CommandOutput.of(new StatusCommand(), "--local", state.toString(), "--source", pair.sourceId,
                "--replica", pair.replicaId).out();
        assertTrue(page.contains("Replica instance " + pair.replicaId), page);
        assertTrue(page.contains("promoted: at "), page);
        assertTrue(page.contains("pg_stat_replication on the source"), page);
    }

    @Test
    @Order(4)
    void theExecutionGraphColoursTheRunsPath() throws Exception {
        Path definition = cloud.engine().projectRoot().resolve("statemachines/promote-replica.asl.json");
        // A second run on the promoted pair: Preflight refuses (the replica is standalone), the run rolls back.
        ExecutionResult rolledBack = rehearsal.start(pair, runId + "-again", startInput, quiet(), ExecutionListener.NONE)
                .await(Duration.ofMinutes(2));
        assertFalse(rolledBack.succeeded());

        // Kept in target/ to look at after a build.
        Path graphs = Path.of("target", "execution-graphs");
        Map<String, String> happy = outcomes(ExecutionGraphSvg.write(definition, runId, rehearsal.history(runId),
                graphs.resolve("succeeded.svg")));
        Map<String, String> failed = outcomes(ExecutionGraphSvg.write(definition, runId + "-again",
                rehearsal.history(runId + "-again"), graphs.resolve("rolled-back.svg")));

        Set<String> all = Json.mapper().readTree(definition.toFile()).path("States").properties().stream()
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
        assertEquals(all, happy.keySet(), "every state drawn");
        assertEquals(all, failed.keySet());
        Set<String> entered = new HashSet<>(promotion.statesEntered());
        for (String state : all) {
            String expected = entered.contains(state) ? Set.of("succeeded", "caught").contains(happy.get(state)) ? happy.get(state) : "?" : "not_visited";
            assertEquals(expected, happy.get(state), state);
        }
        assertEquals("succeeded", happy.get("CompleteRun"));
        assertEquals("not_visited", happy.get("Rollback"));

        assertEquals("succeeded", failed.get("AcquireLock"));
        assertEquals("caught", failed.get("Preflight"), "failed, caught into the rollback");
        assertEquals("succeeded", failed.get("Rollback"));
        assertEquals("failed", failed.get("RolledBack"));
        assertEquals("not_visited", failed.get("PromoteReplica"));
    }

    @Test
    @Order(5)
    void aStoppedReplicaShowsAsUnreachableAndTheRestStillShows() {
        pair.cluster.replica().stop();

        StatusReport r = status(runId);

        assertEquals("stopped", content(r, "replicaInstance", InstanceStatus.class).status());
        for (String key : List.of("replicaPosition", "replicaReplication", "replicaSlots", "replicaLog")) {
            String error = r.sections().get(key).error();
            assertNotNull(error, key + " should have failed");
            assertTrue(error.contains("127.0.0.1:" + pair.cluster.replica().port()), key + ": " + error);
        }
        for (String key : List.of("sourceInstance", "sourcePosition", "sourceReplication", "sourceSlots", "sourceLog",
                "dmsTasks", "dmsEndpoints", "run", "appMap")) {
            assertFalse(r.sections().get(key).failed(), key + ": " + r.sections().get(key).error());
        }
        assertFalse(r.complete());
    }

    @Test
    @Order(6)
    void cleanupRefusesWhileTheCdcTaskRunsThenStopsItAndRemovesWhatTheRunMade() throws Exception {
        pair.cluster.replica().start();
        CleanupRehearsal.cleansUpWhatTheRunLeft(cloud, pair, runId, OUT);
    }

    /** state -> data-outcome of each state box; also checks each box's fill is its outcome's colour. */
    private static Map<String, String> outcomes(Path svg) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed or throws
        assertEquals("svg", doc.getDocumentElement().getTagName());
        Map<String, String> out = new HashMap<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!"state".equals(g.getAttribute("class"))) continue;
            String outcome = g.getAttribute("data-outcome");
            Element rect = (Element) g.getElementsByTagName("rect").item(0);
            assertEquals(StateOutcomes.Outcome.valueOf(outcome.toUpperCase()).fill, rect.getAttribute("fill"), g.getAttribute("data-state"));
            out.put(g.getAttribute("data-state"), outcome);
        }
        return out;
    }

    private static <T> T content(StatusReport r, String key, Class<T> type) {
        StatusReport.Section s = r.sections().get(key);
        assertFalse(s.failed(), key + ": " + s.error());
        return type.cast(s.content());
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(StatusReport r, String key, Class<T> type) {
        StatusReport.Section s = r.sections().get(key);
        assertFalse(s.failed(), key + ": " + s.error());
        List<?> items = (List<?>) s.content();
        items.forEach(i -> assertInstanceOf(type, i));
        return (List<T>) items;
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
