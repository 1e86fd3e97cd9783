package io.cutover.status;

import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.appmap.Site;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.instance.Engine;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.run.StepEvent;
import io.cutover.testing.TestCloud;
import io.cutover.testing.FakeInstances;
import io.cutover.testing.FakeProbes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector over fakes for RDS, the databases and DMS, and DynamoDB Local for runs and appmap. */
class StatusCollectorTest {
    static final String TASK = "arn:aws:dms:eu-west-1:123456789012:task:TASK1";
    static final String TARGET = "arn:aws:dms:eu-west-1:123456789012:endpoint:TARGET1";
    static final String SOURCE_ENDPOINT = "arn:aws:dms:eu-west-1:123456789012:endpoint:SOURCE1";
    @RegisterExtension
    static final TestCloud cloud = new TestCloud();

    FakeStatusProbes databases;
    FakeDmsStatus dms;
    String source;
    String replica;

    @BeforeEach
    void pair() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        source = "orders-" + id;
        replica = "orders-" + id + "-replica";
        cloud.instances
                .put(FakeInstances.primary(source, "postgres"))
                .put(FakeInstances.replica(replica, source, "postgres", "available"));
        cloud.probes.lag = new io.cutover.probe.ReplicaLag(1.5, 4096, "0/5001000", "0/5000000");
        databases = new FakeStatusProbes();
        databases.positions.put(replica + ".example.internal", new ServerPosition(true, "0/5000000", "replayed", 1.5));
        dms = new FakeDmsStatus();
        cloud.appMap.put(new Application("app-" + id, Map.of(
                "SITEA", new Site("SITEA", Engine.POSTGRES, source + ".example.internal", 5432, "orders", "arn:secret:a"),
                "SITEB", new Site("SITEB", Engine.POSTGRES, replica + ".example.internal", 5432, "orders", "arn:secret:b")),
                "SITEA", AppStatus.OPEN, null, 0));
    }

    StatusCollector collector(Duration timeout) {
        return new StatusCollector(new StatusPorts(cloud.instances, cloud.probes, databases, dms, cloud.runs, cloud.appMap, Clock.systemUTC()), timeout);
    }

    @Test
    void everySectionOfAHealthyPostgresPairHasContent() {
        StatusReport report = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(source, replica, null, List.of()));

        assertEquals(StatusCollector.keys(Engine.POSTGRES), List.copyOf(report.sections().keySet()));
        report.sections().forEach((key, section) -> assertFalse(section.failed(), key + ": " + section.error()));
        assertEquals("postgres", report.engine());
        assertEquals("primary", ((InstanceStatus) content(report, "sourceInstance")).role());
        assertEquals("replica of " + source, ((InstanceStatus) content(report, "replicaInstance")).role());
        ReplicaPosition lag = (ReplicaPosition) content(report, "replicaPosition");
        assertEquals("replica", lag.role());
        assertEquals(1.5, lag.lagSeconds());
        assertEquals(4096L, lag.distance());
        assertEquals("bytes", lag.distanceUnit());
        // The appmap names the pair's hosts: the application shows without being named.
        List<?> apps = (List<?>) content(report, "appMap");
        assertEquals("a site on the source", ((AppEntry) apps.get(0)).involvement());
        assertInstanceOf(Note.class, content(report, "run"), "no run holds the lock");
        assertInstanceOf(Note.class, content(report, "dmsTasks"));
    }

    @Test
    void anUnreachableReplicaFillsOnlyItsOwnSections() {
        databases.down.add(replica + ".example.internal");

        StatusReport report = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(source, replica, null, List.of()));

        for (String key : List.of("replicaPosition", "replicaReplication", "replicaSlots", "replicaLog")) {
            assertTrue(report.sections().get(key).error().contains("refused"), key + ": " + report.sections().get(key));
        }
        for (String key : List.of("sourceInstance", "replicaInstance", "sourcePosition", "sourceReplication",
                "sourceSlots", "sourceLog", "run", "appMap", "dmsTasks")) {
            assertFalse(report.sections().get(key).failed(), key + ": " + report.sections().get(key).error());
        }
        assertFalse(report.complete());
    }

    @Test
    void aSectionThatMissesItsDeadlineIsCutOffAndTheRestStillShows() {
        // The deadline is the other tests' 5 s: on a busy machine the appmap read that finds the
        // source's database may take over a second; the slow section is far beyond it.
        databases.slowSlots.put(source + ".example.internal", Duration.ofSeconds(120));
        long start = System.nanoTime();

        StatusReport report = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(source, replica, null, List.of()));

        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 60_000, "did not wait for the slow section: " + tookMs + " ms");
        assertEquals("no answer within 5 s", report.sections().get("sourceSlots").error());
        assertFalse(report.sections().get("replicaSlots").failed());
        assertFalse(report.sections().get("sourcePosition").failed());
    }

    @Test
    void aRunAloneNamesThePairItsTaskAndEndpointsWithStepTimings() {
        String runId = "run-" + source;
        Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
        cloud.runs.createRun(new RunRecord(runId, "promote-replica", source, replica, "postgres", RunStatus.RUNNING,
                "AcquireLock", null, Map.of(), List.of(), null, t0, t0));
        cloud.runs.recordStep(runId, new StepEvent("CheckLag", StepEvent.Outcome.STARTED, t0, null));
        cloud.runs.recordStep(runId, new StepEvent("CheckLag", StepEvent.Outcome.SUCCEEDED, t0.plusMillis(250), "{\"ok\":false}"));
        cloud.runs.recordStep(runId, new StepEvent("CheckLag", StepEvent.Outcome.STARTED, t0.plusSeconds(15), null));
        cloud.runs.recordStep(runId, new StepEvent("CheckLag", StepEvent.Outcome.SUCCEEDED, t0.plusMillis(15_400), "{\"ok\":true}"));
        cloud.runs.recordStep(runId, new StepEvent("CreateCdcTask", StepEvent.Outcome.STARTED, t0.plusSeconds(40), null));
        cloud.runs.recordResource(runId, "cdcTaskArn", TASK);
        cloud.runs.recordResource(runId, "targetEndpointArn", TARGET);
        dms.tasks.put(TASK, new TaskStatus(TASK, "cutover-run-cdc", "running", "cdc", SOURCE_ENDPOINT, TARGET,
                "0/5000000", null, null, null, null, null, null));

        StatusReport report = collector(Duration.ofSeconds(5)).collect(new StatusRequest(null, null, runId, List.of(),
                null, null, List.of(), List.of()));

        assertEquals(source, report.sourceId());
        assertEquals(replica, report.replicaId());
        RunSummary run = (RunSummary) content(report, "run");
        assertEquals("RUNNING", run.status());
        assertEquals(List.of("CheckLag", "CreateCdcTask"), run.steps().stream().map(StepTiming::step).toList());
        StepTiming lag = run.steps().get(0);
        assertEquals(2, lag.attempts());
        assertEquals(15.4, lag.seconds());
        assertEquals("SUCCEEDED", lag.outcome());
        assertNull(run.steps().get(1).seconds(), "still running");
        assertEquals(1, ((List<?>) content(report, "dmsTasks")).size());
        assertEquals(List.of(List.of(TARGET, SOURCE_ENDPOINT)), dms.endpointQueries, "the run's target, then the task's");
        assertEquals(1, ((List<?>) content(report, "dmsTableStatistics")).size());
    }

    @Test
    void withoutDatabaseAndSecretTheDatabaseSectionsSayWhatToGive() {
        cloud.instances.put(FakeInstances.primary(source, "postgres"));
        StatusReport report = collector(Duration.ofSeconds(5)).collect(new StatusRequest(source, replica, null, List.of(),
                null, null, List.of(), List.of()));
        assertFalse(report.sections().get("sourcePosition").failed(), "the appmap site gave database and secret");

        String other = "lonely-" + source;
        cloud.instances.put(FakeInstances.primary(other, "postgres"));
        StatusReport lonely = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(other, replica, null, List.of()));
        assertTrue(lonely.sections().get("sourcePosition").error().startsWith("no database name and secret for source " + other
                + ": give source.database and source.secretArn"), lonely.sections().get("sourcePosition").error());

        StatusReport hinted = collector(Duration.ofSeconds(5)).collect(new StatusRequest(other, replica, null, List.of(),
                new StatusRequest.DatabaseHint("orders", "arn:secret:x"), null, List.of(), List.of()));
        assertFalse(hinted.sections().get("sourcePosition").failed());
    }

    @Test
    void aPromotedReplicaShowsItsForkInsteadOfALag() {
        cloud.instances.put(FakeInstances.standalone(replica, "postgres", "available"));
        databases.positions.put(replica + ".example.internal", new ServerPosition(false, "0/6000000", "insert", null));

        StatusReport report = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(source, replica, null, List.of()));

        assertEquals("promoted", ((InstanceStatus) content(report, "replicaInstance")).role());
        ReplicaPosition p = (ReplicaPosition) content(report, "replicaPosition");
        assertEquals("promoted", p.role());
        assertEquals("0/3000100", p.forkPosition());
        assertNull(p.lagSeconds());
    }

    @Test
    void oracleHasArchivedLogSectionsAndNoSlots() {
        cloud.instances.put(FakeInstances.primary(source, "oracle-ee")).put(FakeInstances.replica(replica, source, "oracle-ee", "available"));
        StatusReport report = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(source, replica, null, List.of()));
        assertEquals(StatusCollector.keys(Engine.ORACLE), List.copyOf(report.sections().keySet()));
        assertEquals(Engine.ORACLE, databases.asked);
        assertEquals("SCN", ((ReplicaPosition) content(report, "replicaPosition")).distanceUnit());
    }

    @Test
    void namedApplicationsMissingFromTheAppmapAreSaidSo() {
        StatusReport report = collector(Duration.ofSeconds(5)).collect(StatusRequest.of(source, replica, null,
                List.of("no-such-app")));
        AppEntry first = (AppEntry) ((List<?>) content(report, "appMap")).get(0);
        assertEquals("no-such-app", first.name());
        assertEquals("NOT IN APPMAP", first.status());
    }

    /** The Lambda: status input in, the report as JSON out, every section key present. */
    @Test
    void theStatusLambdaAnswersWithTheReportAsJson() throws Exception {
        databases.down.add(replica + ".example.internal");
        var handler = new io.cutover.handler.operations.StatusHandler(
                new StatusPorts(cloud.instances, cloud.probes, databases, dms, cloud.runs, cloud.appMap, Clock.systemUTC()));
        var out = new java.io.ByteArrayOutputStream();
        String input = "{\"sourceId\": \"" + source + "\", \"replicaId\": \"" + replica + "\"}";

        handler.handleRequest(new java.io.ByteArrayInputStream(input.getBytes()), out, null);

        var json = io.cutover.json.Json.mapper().readTree(out.toByteArray());
        assertEquals(source, json.path("sourceId").asText());
        List<String> keys = new java.util.ArrayList<>();
        json.path("sections").fieldNames().forEachRemaining(keys::add);
        assertEquals(StatusCollector.keys(Engine.POSTGRES), keys);
        assertEquals("primary", json.at("/sections/sourceInstance/content/role").asText());
        assertTrue(json.at("/sections/replicaSlots/error").asText().contains("refused"));
        assertTrue(json.at("/sections/replicaSlots/content").isMissingNode(), "a section has content or an error");

        var bad = new java.io.ByteArrayInputStream("{}".getBytes());
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(bad, new java.io.ByteArrayOutputStream(), null));
    }

    private static Object content(StatusReport report, String key) {
        StatusReport.Section s = report.sections().get(key);
        assertFalse(s.failed(), key + ": " + s.error());
        return s.content();
    }
}
