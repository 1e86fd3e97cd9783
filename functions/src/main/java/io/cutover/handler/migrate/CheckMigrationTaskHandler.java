package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.MigrationTaskSetup;
import io.cutover.runbook.DmsTaskSetup;

/** Polled until the task runs; failed or too slow ends the run. */
public final class CheckMigrationTaskHandler extends StepHandler<MigrationState> {
    private final MigrationTaskSetup setup;

    public CheckMigrationTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckMigrationTaskHandler(MigrationPorts ports) {
        super("CheckMigrationTask", "task", MigrationState.class, ports.core());
        this.setup = new MigrationTaskSetup(new DmsTaskSetup(ports.core().replication(), ports.core().runs(), ports.core().clock()));
    }

    @Override
    protected Object apply(MigrationState state) {
        return setup.checkMigrationTask(state);
    }
}
