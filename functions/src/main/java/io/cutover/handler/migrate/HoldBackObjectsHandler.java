package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.PrepareTarget;

/** Drops the recorded secondary indexes, foreign keys and triggers for the load (holdBackConstraints). */
public final class HoldBackObjectsHandler extends StepHandler<MigrationState> {
    private final PrepareTarget prepare;

    public HoldBackObjectsHandler() {
        this(AwsMigrationPorts.instance());
    }

    public HoldBackObjectsHandler(MigrationPorts ports) {
        super("HoldBackObjects", "preparation", MigrationState.class, ports.core());
        this.prepare = new PrepareTarget(ports.catalog(), ports.target(), ports.core().runs(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return prepare.holdBack(state);
    }
}
