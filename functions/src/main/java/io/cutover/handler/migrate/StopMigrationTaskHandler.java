package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationCutover;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Stops the migration task (or leaves it running for the two-way door). */
public final class StopMigrationTaskHandler extends StepHandler<MigrationState> {
    private final MigrationCutover cutover;

    public StopMigrationTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public StopMigrationTaskHandler(MigrationPorts ports) {
        super("StopMigrationTask", "stopped", MigrationState.class, ports.core());
        this.cutover = new MigrationCutover(ports.sites(), ports.target(), ports.core().replication(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return cutover.stopMigrationTask(state);
    }
}
