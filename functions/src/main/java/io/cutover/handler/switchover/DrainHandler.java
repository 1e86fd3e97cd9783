package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.Drain;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Writes a sentinel on the from-site and waits until the forward task has carried it to the to-site. */
public final class DrainHandler extends StepHandler<SwitchoverState> {
    private final Drain drain;

    public DrainHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public DrainHandler(SwitchoverPorts ports) {
        super("Drain", "drain", SwitchoverState.class, ports.core());
        this.drain = new Drain(ports.sites(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return drain.drain(state);
    }
}
