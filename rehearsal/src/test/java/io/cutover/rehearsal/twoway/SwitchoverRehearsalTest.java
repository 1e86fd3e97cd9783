package io.cutover.rehearsal.twoway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.appmap.AppStatus;
import io.cutover.appmap.Application;
import io.cutover.heartbeat.HeartbeatApplication;
import io.cutover.input.Direction;
import io.cutover.rehearsal.RunReport;
import io.cutover.rehearsal.engine.ExecutionEvent;
import io.cutover.rehearsal.engine.ExecutionListener;
import io.cutover.rehearsal.engine.ExecutionResult;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.run.RunRecord;
import io.cutover.run.RunStatus;
import io.cutover.waiting.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on this machine: the real switchover state machine file in the local engine, the
 * real step handlers, two real PostgreSQL 17 servers with logical replication in both directions
 * ({@code origin = none}), DynamoDB Local, and a heartbeat application writing all the time.
 * DMS is the rehearsal's local adapter (a task is a subscription).
 */
class SwitchoverRehearsalTest {
    static LocalCloud cloud;
    static SwitchoverRehearsal rehearsal;
    static final PrintStream OUT = System.out;
    static int pairs;

    @BeforeAll
    static void startCloud() {
        cloud = new LocalCloud(Duration.ofSeconds(1));
        rehearsal = new SwitchoverRehearsal(cloud, OUT);
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @Test
    void switchoverFailbackAndSwitchoverAgainLoseAndDoubleNoHeartbeat() throws Exception {
        String name = "tw-e2e";
        try (TwoWaySites sites = TwoWaySites.start(cloud, name, List.of(name + "-app"));
             HeartbeatApplication app = heartbeat(sites)) {
            writesOn(app, "SITEA before the first run");
            List<ExecutionResult> runs = new ArrayList<>();
            Direction[] directions = {Direction.A_TO_B, Direction.B_TO_A, Direction.A_TO_B};
            for (int i = 0; i < directions.length; i++) {
                Direction d = directions[i];
                ExecutionResult r = rehearsal.run(sites, d, name + "-run-" + (i + 1), null, true);
                assertTrue(r.succeeded(), r.toString());
                List<String> entered = r.statesEntered();
                List<String> frozen = entered.subList(entered.indexOf("FreezeForSwitchover"), entered.indexOf("ThawAfterSwitchover"));
                assertFalse(frozen.contains("CreateBackwardTask"), "the backward task is made before the freeze: " + entered);
                assertTrue(frozen.contains("StartBackwardTask"), "and started inside it: " + entered);
                runs.add(r);
                Application entry = cloud.ports().appMap().get(name + "-app").orElseThrow();
                assertEquals(d.toSite(), entry.activeSite());
                assertEquals(AppStatus.OPEN, entry.status());
                assertEquals(RunStatus.SUCCEEDED, cloud.ports().runs().run(name + "-run-" + (i + 1)).orElseThrow().status());
                OUT.printf("[%s] run %d %s: freeze window %.3f s (state machine), backward task %s%n", name, i + 1, d,
                        RunReport.freezeWindow(r).toMillis() / 1000.0,
                        r.output().at("/result/backwardTaskCreated").asBoolean() ? "created" : "reused");
                writesOn(app, "the new site " + d.toSite());
            }
            assertTrue(runs.get(0).output().at("/result/backwardTaskCreated").asBoolean(), "first switchover creates B->A");
            assertFalse(runs.get(1).output().at("/result/backwardTaskCreated").asBoolean(), "failback reuses A->B");
            assertFalse(runs.get(2).output().at("/result/backwardTaskCreated").asBoolean(), "again: both tasks run");
            app.close();

            HeartbeatLedger ledger = HeartbeatLedger.converged(sites.server("SITEA"), sites.server("SITEB"),
                    app.committed(), Duration.ofSeconds(30));
            OUT.printf("[%s] heartbeats: %d committed; SITEA holds %d, SITEB holds %d; written on SITEA %d, on SITEB %d;"
                            + " application held %d times: %s%n", name, app.committed().size(), ledger.siteA().size(),
                    ledger.siteB().size(), ledger.writtenOn("SITEA"), ledger.writtenOn("SITEB"), app.holds().size(),
                    app.holds().stream().map(h -> String.format("%.3f s", h.duration().toMillis() / 1000.0)).toList());
            assertEquals(0, app.failedWrites(), "no write failed (a beat collision would): " + app.lastError());
            assertTrue(ledger.missing().isEmpty(), "lost heartbeats: " + ledger.missing());
            assertTrue(ledger.sameIdsOnBothSites(), "sites differ");
            assertEquals(ledger.siteA(), ledger.siteB(), "same rows (id, beat, site) on both sites");
            assertEquals(0, ledger.duplicates());
            assertTrue(ledger.outOfRange().isEmpty(), "ids outside their site's range: " + ledger.outOfRange());
            assertTrue(ledger.writtenOn("SITEA") > 10 && ledger.writtenOn("SITEB") > 10, "written on both sites");
            // Rows beyond the committed ones could only come from writes whose outcome the application did not see.
            int extra = ledger.siteA().size() - app.committed().size();
            assertTrue(extra >= 0 && extra <= app.uncertain().size(), extra + " rows nobody saw committed");
            assertEquals(3, app.holds().size(), "held once per run");
            assertEquals("origin", setting(sites, "SITEB"), "SITEB was reset from replica to origin");
        }
    }

    /** The Task states before the freeze (the backward task is made there): a fault there freezes nothing. */
    static final List<String> BEFORE_THE_FREEZE = List.of("SwitchoverPreflight", "CreateBackwardTask", "CheckForwardLatency");

    /**
     * Every Task state after the lock, in the machine's order: the run ends rolled back,
     * applications on SITEA and open, nothing lost; before the freeze the cause says nothing was frozen.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SwitchoverPreflight", "CreateBackwardTask", "CheckForwardLatency", "FreezeForSwitchover",
            "Drain", "SyncSequences", "RestoreReplicationRole", "StartBackwardTask", "CheckBackwardTask", "RouteApplications",
            "ThawAfterSwitchover", "VerifyBackwardFlow", "CompleteSwitchover"})
    void faultAtAStepEndsWithTheApplicationsOnSiteAThawed(String step) throws Exception {
        String name = "tw-f" + (++pairs);
        try (TwoWaySites sites = TwoWaySites.start(cloud, name, List.of(name + "-app"));
             HeartbeatApplication app = heartbeat(sites)) {
            writesOn(app, "SITEA before the run");
            ExecutionResult r = rehearsal.run(sites, Direction.A_TO_B, name + "-run", step, false);

            assertFalse(r.succeeded());
            assertEquals("RolledBack", last(r).state(), r.toString());
            RunRecord run = cloud.ports().runs().run(name + "-run").orElseThrow();
            assertEquals(RunStatus.ROLLED_BACK, run.status());
            assertTrue(run.cause().startsWith(step + " failed: fault injected at " + step), run.cause());
            boolean beforeFreeze = BEFORE_THE_FREEZE.contains(step);
            // The fault is injected before FreezeForSwitchover's handler runs: it froze nothing either.
            assertEquals(beforeFreeze || step.equals("FreezeForSwitchover"), run.cause().contains("Nothing was frozen"),
                    run.cause());
            assertEquals(beforeFreeze, !r.statesEntered().contains("FreezeForSwitchover"), r.statesEntered().toString());
            Application entry = cloud.ports().appMap().get(name + "-app").orElseThrow();
            assertEquals("SITEA", entry.activeSite(), run.cause());
            assertEquals(AppStatus.OPEN, entry.status(), run.cause());
            assertTrue(cloud.ports().runs().lockHolder(rehearsal.lockId(sites)).isEmpty(), "lock released");
            OUT.printf("[%s] fault at %-22s -> rolled back; freeze window %.3f s; cause: %s%n", name, step,
                    RunReport.freezeWindow(r).toMillis() / 1000.0, run.cause());

            writesOn(app, "SITEA again");
            app.close();
            assertEquals(0, app.failedWrites(), "no write failed: " + app.lastError());
            HeartbeatLedger ledger = HeartbeatLedger.converged(sites.server("SITEA"), sites.server("SITEB"),
                    app.committed(), Duration.ofSeconds(30));
            assertTrue(ledger.missing().isEmpty(), "lost: " + ledger.missing());
            assertTrue(ledger.sameIdsOnBothSites(), "sites differ");
            assertTrue(ledger.writtenOn("SITEA") > 0);
        }
    }

    @Test
    void badInputIsRejectedBeforeAnythingRuns() throws Exception {
        String name = "tw-bad";
        try (TwoWaySites sites = TwoWaySites.start(cloud, name, List.of(name + "-app"))) {
            ObjectNode input = rehearsal.input(sites, Direction.A_TO_B);
            ((ObjectNode) input.at("/sites/SITEA")).remove("port");
            ((ObjectNode) input.get("sites")).putObject("SITEC");
            ExecutionResult r = rehearsal.run(name + "-run", input, null, ExecutionListener.NONE);
            assertEquals(List.of("SwitchoverValidateInput", "InputRejected"), r.statesEntered());
            assertTrue(r.cause().contains("sites.SITEA.port: missing"), r.cause());
            assertTrue(r.cause().contains("sites.SITEC: no such site"), r.cause());
            assertTrue(cloud.ports().runs().run(name + "-run").isEmpty());
        }
    }

    /**
     * The application commits more heartbeats (on the site its entry names): a condition, not a
     * pause, so a busy machine cannot leave a site with fewer writes than the ledger checks ask for.
     */
    private static void writesOn(HeartbeatApplication app, String where) {
        int before = app.committed().size();
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> app.committed().size() >= before + 15),
                "the application writes on " + where + ": " + (app.committed().size() - before) + " heartbeats");
    }

    private static HeartbeatApplication heartbeat(TwoWaySites sites) {
        return new HeartbeatApplication(sites.applications.get(0), cloud.ports().appMap(), cloud.secrets(),
                Duration.ofMillis(20), null).start();
    }

    private static String setting(TwoWaySites sites, String site) throws Exception {
        try (Connection c = sites.server(site).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW session_replication_role")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static ExecutionEvent last(ExecutionResult result) {
        List<ExecutionEvent> entered = result.events("StateEntered");
        return entered.get(entered.size() - 1);
    }
}
