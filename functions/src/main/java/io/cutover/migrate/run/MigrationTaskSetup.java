package io.cutover.migrate.run;

import io.cutover.dms.TaskSettings;
import io.cutover.input.MigrateInput;
import io.cutover.replication.TaskDescription;
import io.cutover.replication.TaskSpec;
import io.cutover.runbook.DmsTaskSetup;

import java.util.Optional;

/**
 * The migration's full-load-and-cdc task, on the kernel's {@link DmsTaskSetup}: found or created
 * once (mappings from the input, settings: the safe defaults with validation on, the input's
 * over them), started once with no start position (the load begins now and CDC follows it),
 * polled until running.
 */
public final class MigrationTaskSetup {
    public static final DmsTaskSetup.Task TASK = new DmsTaskSetup.Task("migration task", "migrationTask");

    private final DmsTaskSetup setup;

    public MigrationTaskSetup(DmsTaskSetup setup) {
        this.setup = setup;
    }

    public MigrationState.MigrationTask createMigrationTask(MigrationState state) {
        MigrateInput in = state.input();
        Optional<TaskDescription> existing = setup.find(state.runId(), TASK, in.taskIdentifier());
        if (existing.isPresent()) {
            TaskDescription t = existing.get();
            return new MigrationState.MigrationTask(t.arn(), t.identifier(), t.status(), false);
        }
        TaskDescription t = setup.create(state.runId(), TASK, new TaskSpec(in.taskIdentifier(), in.replicationInstanceArn(),
                in.source().endpointArn(), in.target().endpointArn(), "full-load-and-cdc", TaskSettings.mappings(in),
                TaskSettings.forMigration(in), null, state.runId()));
        return new MigrationState.MigrationTask(t.arn(), t.identifier(), t.status(), true);
    }

    public MigrationState.MigrationTask startMigrationTask(MigrationState state) {
        MigrationState.MigrationTask task = state.task();
        return withStatus(task, setup.start(state.runId(), TASK, task.taskArn(), null));
    }

    public MigrationState.MigrationTask checkMigrationTask(MigrationState state) {
        MigrationState.MigrationTask task = state.task();
        return withStatus(task, setup.check(state.runId(), TASK, task.taskArn(),
                state.input().limits().taskStartTimeoutSeconds()));
    }

    private static MigrationState.MigrationTask withStatus(MigrationState.MigrationTask t, String status) {
        return new MigrationState.MigrationTask(t.taskArn(), t.identifier(), status, t.created());
    }
}
