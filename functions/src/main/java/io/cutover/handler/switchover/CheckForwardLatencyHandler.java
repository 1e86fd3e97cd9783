package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.CheckForwardLatency;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Forward CDC latency, measured with a sentinel row, against the limit; polled up to limits.latencyWaitSeconds. */
public final class CheckForwardLatencyHandler extends SwitchoverStepHandler {
    private final CheckForwardLatency latency;

    public CheckForwardLatencyHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CheckForwardLatencyHandler(SwitchoverPorts ports) {
        super("CheckForwardLatency", "latency", ports);
        this.latency = new CheckForwardLatency(ports.sites(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return latency.check(state);
    }
}
