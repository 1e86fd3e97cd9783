package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.runbook.FreezeApplications;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Sets the applications' appmap entries to FROZEN: they hold their writes. */
public final class FreezeForSwitchoverHandler extends StepHandler<SwitchoverState> {
    private final FreezeApplications freeze;

    public FreezeForSwitchoverHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public FreezeForSwitchoverHandler(SwitchoverPorts ports) {
        super("FreezeForSwitchover", "freeze", SwitchoverState.class, ports.core());
        this.freeze = new FreezeApplications(ports.core().appMap(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return freeze.freezeApplications(state.runId(), state.input().applications());
    }
}
