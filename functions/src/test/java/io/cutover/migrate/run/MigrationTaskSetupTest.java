package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import io.cutover.replication.TaskSpec;
import io.cutover.runbook.DmsTaskSetup;
import io.cutover.testing.FakeReplication;
import io.cutover.testing.FakeRunStore;
import io.cutover.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.cutover.migrate.run.MigrationStates.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationTaskSetupTest {
    private final FakeReplication dms = new FakeReplication();
    private final FakeRunStore runs = new FakeRunStore();
    private final MigrationTaskSetup setup = new MigrationTaskSetup(
            new DmsTaskSetup(dms, runs, new MutableClock(Instant.parse("2026-12-01T01:00:00Z"))));

    @BeforeEach
    void run() {
        MigrationStates.createRun(runs);
    }

    @Test
    void aFullLoadAndCdcTaskIsCreatedOnceWithValidationOnAndTheInputsSettingsOverTheDefaults() throws Exception {
        MigrationState.MigrationTask created = setup.createMigrationTask(migration().build());
        MigrationState.MigrationTask again = setup.createMigrationTask(migration().build());

        assertEquals(1, dms.createdTasks.size(), "a retried step finds the task");
        assertTrue(created.created());
        assertFalse(again.created());
        assertEquals(created.taskArn(), again.taskArn());
        TaskSpec spec = dms.createdTasks.get(0);
        assertEquals("full-load-and-cdc", spec.migrationType());
        assertNull(spec.cdcStartPosition(), "the load starts now; CDC follows it");
        assertEquals("orders-migrate", spec.identifier());
        assertEquals("arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1", spec.sourceEndpointArn());
        assertEquals("arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2TARGET", spec.targetEndpointArn());
        JsonNode settings = Json.mapper().readTree(spec.settingsJson());
        assertTrue(settings.path("ValidationSettings").path("EnableValidation").asBoolean());
        assertEquals("DO_NOTHING", settings.path("FullLoadSettings").path("TargetTablePrepMode").asText());
        assertEquals(64, settings.path("TargetMetadata").path("LobMaxSize").asInt(), "dms.lobMaxSizeKb");
        assertTrue(settings.path("Logging").path("EnableLogging").asBoolean());
        assertEquals("orders-schema", Json.mapper().readTree(spec.tableMappingsJson()).path("rules").get(0)
                .path("rule-name").asText());
        assertEquals(created.taskArn(), runs.run("run-42").orElseThrow().resources().get("migrationTaskArn"));
    }

    @Test
    void theTaskIsStartedOnceWithoutAPositionAndPolledUntilRunning() {
        MigrationState.MigrationTask task = setup.createMigrationTask(migration().build());
        dms.setTask(task.taskArn(), "ready");

        MigrationState.MigrationTask starting = setup.startMigrationTask(migration().task(task).build());
        MigrationState.MigrationTask retried = setup.startMigrationTask(migration().task(starting).build());
        dms.setTask(task.taskArn(), "running");
        MigrationState.MigrationTask running = setup.checkMigrationTask(migration().task(retried).build());

        assertEquals(List.of(task.taskArn()), dms.startedTasks);
        assertEquals("starting", starting.status());
        assertEquals("running", running.status());
    }
}
