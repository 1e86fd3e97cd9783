package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.CheckForwardLatency;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Forward CDC latency, measured with a sentinel row, against the limit; polled up to limits.latencyWaitSeconds. */
public final class CheckForwardLatencyHandler extends StepHandler<SwitchoverState> {
    private final CheckForwardLatency checkLatency;

    public CheckForwardLatencyHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CheckForwardLatencyHandler(SwitchoverPorts ports) {
        super("CheckForwardLatency", "latency", SwitchoverState.class, ports.core());
        this.checkLatency = new CheckForwardLatency(ports.sites(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return checkLatency.check(state);
    }
}
