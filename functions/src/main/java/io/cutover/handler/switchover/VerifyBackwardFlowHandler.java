package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.VerifyBackwardFlow;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Checks that writes on the to-site (a sentinel, and heartbeats when configured) arrive on the from-site. */
public final class VerifyBackwardFlowHandler extends SwitchoverStepHandler {
    private final VerifyBackwardFlow check;

    public VerifyBackwardFlowHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public VerifyBackwardFlowHandler(SwitchoverPorts ports) {
        super("VerifyBackwardFlow", "verify", ports);
        this.check = new VerifyBackwardFlow(ports.sites(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return check.verify(state);
    }
}
