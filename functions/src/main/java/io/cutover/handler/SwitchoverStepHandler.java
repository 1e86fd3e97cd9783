package io.cutover.handler;

import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** A switchover step: {@link RunStepHandler} on the switchover's state and ports. */
public abstract class SwitchoverStepHandler extends RunStepHandler<SwitchoverState> {
    protected final SwitchoverPorts ports;

    protected SwitchoverStepHandler(String step, String section, SwitchoverPorts ports) {
        super(step, section, SwitchoverState.class, ports.core().runs(), ports.core().clock());
        this.ports = ports;
    }

    @Override
    protected final String runId(SwitchoverState state) {
        return state.runId();
    }
}
