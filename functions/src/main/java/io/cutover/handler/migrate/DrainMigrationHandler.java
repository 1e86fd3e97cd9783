package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationCutover;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Frozen: a sentinel written on the source must reach the target. */
public final class DrainMigrationHandler extends StepHandler<MigrationState> {
    private final MigrationCutover cutover;

    public DrainMigrationHandler() {
        this(AwsMigrationPorts.instance());
    }

    public DrainMigrationHandler(MigrationPorts ports) {
        super("DrainMigration", "drain", MigrationState.class, ports.core());
        this.cutover = new MigrationCutover(ports.sites(), ports.target(), ports.core().replication(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return cutover.drain(state);
    }
}
