package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;
import io.cutover.switchover.VerifyBackwardFlow;

/** Checks that writes on the to-site (a sentinel, and heartbeats when configured) arrive on the from-site. */
public final class VerifyBackwardFlowHandler extends StepHandler<SwitchoverState> {
    private final VerifyBackwardFlow verify;

    public VerifyBackwardFlowHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public VerifyBackwardFlowHandler(SwitchoverPorts ports) {
        super("VerifyBackwardFlow", "verify", SwitchoverState.class, ports.core());
        this.verify = new VerifyBackwardFlow(ports.sites(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return verify.verify(state);
    }
}
