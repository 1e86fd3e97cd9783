package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.FreezeApplications;
import io.cutover.runbook.RouteApplications;
import io.cutover.switchover.SyncSequences;
import io.cutover.switchover.SwitchoverRollback;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Any failure lands here: applications back on the from-site and open, lock released, cause recorded. */
public final class SwitchoverRollbackHandler extends SwitchoverStepHandler {
    private final SwitchoverRollback rollback;

    public SwitchoverRollbackHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SwitchoverRollbackHandler(SwitchoverPorts ports) {
        super("SwitchoverRollback", "rollback", ports);
        this.rollback = new SwitchoverRollback(new FreezeApplications(ports.core().appMap()),
                new RouteApplications(ports.core().appMap()), new SyncSequences(ports.sites(), ports.core().runs()),
                ports.core().runs());
    }

    /** The run's current step must still name the step that failed when the cause is written. */
    @Override
    protected boolean recordsStart() {
        return false;
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return rollback.rollBack(state, raw.get("error"));
    }
}
