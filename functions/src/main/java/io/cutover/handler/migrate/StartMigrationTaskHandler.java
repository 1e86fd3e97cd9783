package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.MigrationTaskSetup;
import io.cutover.runbook.DmsTaskSetup;

/** Starts the task once, without a position: the full load begins now. */
public final class StartMigrationTaskHandler extends StepHandler<MigrationState> {
    private final MigrationTaskSetup setup;

    public StartMigrationTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public StartMigrationTaskHandler(MigrationPorts ports) {
        super("StartMigrationTask", "task", MigrationState.class, ports.core());
        this.setup = new MigrationTaskSetup(new DmsTaskSetup(ports.core().replication(), ports.core().runs(), ports.core().clock()));
    }

    @Override
    protected Object apply(MigrationState state) {
        return setup.startMigrationTask(state);
    }
}
