package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationCutover;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** The apply user's session_replication_role back as before the run. */
public final class RestoreTargetRoleHandler extends StepHandler<MigrationState> {
    private final MigrationCutover cutover;

    public RestoreTargetRoleHandler() {
        this(AwsMigrationPorts.instance());
    }

    public RestoreTargetRoleHandler(MigrationPorts ports) {
        super("RestoreTargetRole", "roleRestored", MigrationState.class, ports.core());
        this.cutover = new MigrationCutover(ports.sites(), ports.target(), ports.core().replication(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return cutover.restoreRole(state);
    }
}
