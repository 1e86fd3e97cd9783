package io.cutover.handler.migrate;

import io.cutover.handler.AcquireLockStepHandler;
import io.cutover.handler.AwsMigrationPorts;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Takes the one-run-per-target lock and creates the run item; a second run on the same target is refused. */
public final class MigrateAcquireLockHandler extends AcquireLockStepHandler<MigrationState> {

    public MigrateAcquireLockHandler() {
        this(AwsMigrationPorts.instance());
    }

    public MigrateAcquireLockHandler(MigrationPorts ports) {
        super("MigrateAcquireLock", MigrationState.class, ports.core());
    }
}
