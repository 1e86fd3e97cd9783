package io.cutover.migrate.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.input.MigrateInputParser;
import io.cutover.runbook.RunStarted;
import io.cutover.testing.SampleEvents;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Test data: a migration's execution state from events/start-migration.json (changed as a test
 * needs), located at the hosts "source.db" and "target.db", with any sections set.
 */
final class MigrationStates {
    static final String SOURCE_HOST = "source.db";
    static final String TARGET_HOST = "target.db";

    private ObjectNode input = SampleEvents.load("start-migration.json");
    private MigrationState.Preparation preparation;
    private MigrationState.MigrationTask task;
    private MigrationState.FullLoad load;
    private MigrationState.Snapshot snapshot;
    private MigrationState.Latency latency;
    private io.cutover.runbook.StepError error;
    private MigrationState.S3Copy s3;
    private io.cutover.runbook.StepError s3Error;
    private MigrationState.TwoWayDoor twoWayDoor;
    private boolean located = true;
    private String targetParameterGroup = "tgt-params";
    private MigrationState.RoleRestored roleRestored;
    private MigrationState.Restored restored;
    private MigrationState.Preflight preflight;
    private MigrationState.DataValidation validation;
    private MigrationState.DataValidation finalValidation;

    /** The run item the first steps create. */
    static void createRun(io.cutover.run.RunStore runs) {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        runs.createRun(new io.cutover.run.RunRecord("run-42", "migrate", "cluster orders-aurora/orders",
                "cluster orders-aurora-v2/orders", "postgres", io.cutover.run.RunStatus.RUNNING, null, null,
                java.util.Map.of(), java.util.List.of(), null, at, at));
    }

    static MigrationStates migration() {
        return new MigrationStates();
    }

    /** From events/start-migration-two-way-door.json: afterCutover twoWayDoor, backward task orders-b-to-a. */
    static MigrationStates twoWayDoorMigration() {
        MigrationStates m = new MigrationStates();
        m.input = SampleEvents.load("start-migration-two-way-door.json");
        return m;
    }

    /** Changes the start input before it is parsed (the parser still checks it). */
    MigrationStates input(Consumer<ObjectNode> change) {
        change.accept(input);
        return this;
    }

    MigrationStates preparation(MigrationState.Preparation p) {
        this.preparation = p;
        return this;
    }

    MigrationStates task(MigrationState.MigrationTask t) {
        this.task = t;
        return this;
    }

    MigrationStates load(MigrationState.FullLoad l) {
        this.load = l;
        return this;
    }

    MigrationStates snapshot(MigrationState.Snapshot s) {
        this.snapshot = s;
        return this;
    }

    MigrationStates latency(MigrationState.Latency l) {
        this.latency = l;
        return this;
    }

    MigrationStates s3(MigrationState.S3Copy copy) {
        this.s3 = copy;
        return this;
    }

    MigrationStates s3Error(String name, String cause) {
        this.s3Error = new io.cutover.runbook.StepError(name, cause);
        return this;
    }

    /** The target's parameter group as LocateDatabases read it from RDS. */
    MigrationStates targetParameterGroup(String group) {
        this.targetParameterGroup = group;
        return this;
    }

    MigrationStates roleRestored(MigrationState.RoleRestored r) {
        this.roleRestored = r;
        return this;
    }

    /** What an earlier call of a looping step returned (a step called again reads its own section). */
    MigrationStates restored(MigrationState.Restored r) {
        this.restored = r;
        return this;
    }

    MigrationStates preflight(MigrationState.Preflight p) {
        this.preflight = p;
        return this;
    }

    MigrationStates validation(MigrationState.DataValidation v) {
        this.validation = v;
        return this;
    }

    MigrationStates finalValidation(MigrationState.DataValidation v) {
        this.finalValidation = v;
        return this;
    }

    /** A run that failed before LocateDatabases recorded where the databases are. */
    MigrationStates notLocated() {
        this.located = false;
        return this;
    }

    MigrationStates twoWayDoor(MigrationState.TwoWayDoor door) {
        this.twoWayDoor = door;
        return this;
    }

    MigrationStates error(String name, String cause) {
        this.error = new io.cutover.runbook.StepError(name, cause);
        return this;
    }

    MigrationState build() {
        return new MigrationState("run-42", MigrateInputParser.parse(input), new RunStarted(Instant.parse("2026-12-01T00:00:00Z")),
                !located ? null : new MigrationState.Databases(new MigrationState.Endpoint(SOURCE_HOST, 5432, "orders-aurora-1", "src-params"),
                        new MigrationState.Endpoint(TARGET_HOST, 5432, "orders-aurora-v2-1", targetParameterGroup)),
                preparation, task, load, restored, snapshot, latency, preflight, validation, finalValidation, null, null, roleRestored,
                null, null, null, null, null, null, null,
                error, null, s3, s3Error, twoWayDoor);
    }
}
