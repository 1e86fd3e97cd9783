package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.RestoreReplicationRole;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** PostgreSQL to-site: session_replication_role back to origin for new sessions (Oracle: not applicable). */
public final class RestoreReplicationRoleHandler extends StepHandler<SwitchoverState> {
    private final RestoreReplicationRole restore;

    public RestoreReplicationRoleHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public RestoreReplicationRoleHandler(SwitchoverPorts ports) {
        super("RestoreReplicationRole", "role", SwitchoverState.class, ports.core());
        this.restore = new RestoreReplicationRole(ports.sites());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return restore.restore(state);
    }
}
