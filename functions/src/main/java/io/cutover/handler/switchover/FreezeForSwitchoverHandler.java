package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.FreezeApplications;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Sets the applications' appmap entries to FROZEN: they hold their writes. */
public final class FreezeForSwitchoverHandler extends SwitchoverStepHandler {
    private final FreezeApplications freeze;

    public FreezeForSwitchoverHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public FreezeForSwitchoverHandler(SwitchoverPorts ports) {
        super("FreezeForSwitchover", "freeze", ports);
        this.freeze = new FreezeApplications(ports.core().appMap());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return new SwitchoverState.Freeze(freeze.freeze(state.runId(), state.input().applications()),
                ports.core().clock().instant());
    }
}
