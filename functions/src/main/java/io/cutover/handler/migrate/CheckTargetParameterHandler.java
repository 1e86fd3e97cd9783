package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.PrepareTarget;

/** Polled until the target's parameter group's session_replication_role = replica shows in a new session. */
public final class CheckTargetParameterHandler extends StepHandler<MigrationState> {
    private final PrepareTarget prepare;

    public CheckTargetParameterHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckTargetParameterHandler(MigrationPorts ports) {
        super("CheckTargetParameter", "preparation", MigrationState.class, ports.core());
        this.prepare = new PrepareTarget(ports.catalog(), ports.target(), ports.core().runs(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return prepare.checkParameter(state);
    }
}
