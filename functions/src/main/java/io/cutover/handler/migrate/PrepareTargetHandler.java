package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.PrepareTarget;

/** Records the objects to hold back and sets the apply user's session_replication_role to replica. */
public final class PrepareTargetHandler extends StepHandler<MigrationState> {
    private final PrepareTarget prepare;

    public PrepareTargetHandler() {
        this(AwsMigrationPorts.instance());
    }

    public PrepareTargetHandler(MigrationPorts ports) {
        super("PrepareTarget", "preparation", MigrationState.class, ports.core());
        this.prepare = new PrepareTarget(ports.catalog(), ports.target(), ports.core().runs(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return prepare.prepareTarget(state);
    }
}
