package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.RollbackStepHandler;
import io.cutover.runbook.FreezeApplications;
import io.cutover.runbook.Ports;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RouteApplications;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverRollback;
import io.cutover.switchover.SwitchoverState;
import io.cutover.switchover.SyncSequences;

/** Any failure lands here: applications back on the from-site and open, lock released, cause recorded. */
public final class SwitchoverRollbackHandler extends RollbackStepHandler<SwitchoverState> {
    private final SwitchoverRollback rollback;

    public SwitchoverRollbackHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SwitchoverRollbackHandler(SwitchoverPorts ports) {
        super("SwitchoverRollback", SwitchoverState.class, ports.core());
        Ports core = ports.core();
        this.rollback = new SwitchoverRollback(new FreezeApplications(core.appMap(), core.clock()),
                new RouteApplications(core.appMap(), core.runs(), core.clock()), new SyncSequences(ports.sites(), core.runs()),
                new ThawApplications(core.appMap(), core.runs(), core.clock()), new RunRollback(core.runs()));
    }

    @Override
    protected RolledBack rollBack(SwitchoverState state) {
        return rollback.rollBack(state);
    }
}
