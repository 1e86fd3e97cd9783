package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.RestoreHeldBack;

/** Recreates what was held back for the load, each object with its time. */
public final class RestoreHeldBackHandler extends StepHandler<MigrationState> {
    private final RestoreHeldBack restore;

    public RestoreHeldBackHandler() {
        this(AwsMigrationPorts.instance());
    }

    public RestoreHeldBackHandler(MigrationPorts ports) {
        super("RestoreHeldBack", "restored", MigrationState.class, ports.core());
        this.restore = new RestoreHeldBack(ports.target(), ports.core().runs());
    }

    @Override
    protected Object apply(MigrationState state) {
        return restore.restore(state);
    }
}
