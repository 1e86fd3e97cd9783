package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigratePreflight;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Every check before anything is touched, every failure named with its fix. */
public final class MigratePreflightHandler extends StepHandler<MigrationState> {
    private final MigratePreflight preflight;

    public MigratePreflightHandler() {
        this(AwsMigrationPorts.instance());
    }

    public MigratePreflightHandler(MigrationPorts ports) {
        super("MigratePreflight", "preflight", MigrationState.class, ports.core());
        this.preflight = new MigratePreflight(ports.catalog(), ports.core().replication(), ports.core().appMap());
    }

    @Override
    protected Object apply(MigrationState state) {
        return preflight.preflight(state);
    }
}
