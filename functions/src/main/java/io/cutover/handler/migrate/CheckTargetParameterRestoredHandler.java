package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationCutover;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Polled until the target's parameter group's restored session_replication_role shows in a new session. */
public final class CheckTargetParameterRestoredHandler extends StepHandler<MigrationState> {
    private final MigrationCutover cutover;

    public CheckTargetParameterRestoredHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckTargetParameterRestoredHandler(MigrationPorts ports) {
        super("CheckTargetParameterRestored", "roleRestored", MigrationState.class, ports.core());
        this.cutover = new MigrationCutover(ports.sites(), ports.target(), ports.core().replication(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return cutover.checkRestoredParameter(state);
    }
}
