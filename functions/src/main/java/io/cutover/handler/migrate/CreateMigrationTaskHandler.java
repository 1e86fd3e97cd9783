package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.MigrationTaskSetup;
import io.cutover.runbook.DmsTaskSetup;

/** Finds or creates the tagged full-load-and-cdc task. */
public final class CreateMigrationTaskHandler extends StepHandler<MigrationState> {
    private final MigrationTaskSetup setup;

    public CreateMigrationTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CreateMigrationTaskHandler(MigrationPorts ports) {
        super("CreateMigrationTask", "task", MigrationState.class, ports.core());
        this.setup = new MigrationTaskSetup(new DmsTaskSetup(ports.core().replication(), ports.core().runs(), ports.core().clock()));
    }

    @Override
    protected Object apply(MigrationState state) {
        return setup.createMigrationTask(state);
    }
}
