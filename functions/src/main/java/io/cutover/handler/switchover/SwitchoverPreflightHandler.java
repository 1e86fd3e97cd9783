package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverPreflight;
import io.cutover.switchover.SwitchoverState;

/** DMS instance, both tasks (loopback prevention mirrored), endpoints, both sites and their sentinel table, the appmap. */
public final class SwitchoverPreflightHandler extends StepHandler<SwitchoverState> {
    private final SwitchoverPreflight preflight;

    public SwitchoverPreflightHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SwitchoverPreflightHandler(SwitchoverPorts ports) {
        super("SwitchoverPreflight", "preflight", SwitchoverState.class, ports.core());
        this.preflight = new SwitchoverPreflight(ports.core().replication(), ports.core().probes(), ports.sites(),
                ports.core().appMap(), ports.core().runs());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return preflight.check(state);
    }
}
