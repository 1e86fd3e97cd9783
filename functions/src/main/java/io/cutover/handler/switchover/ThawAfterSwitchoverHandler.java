package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.runbook.ThawApplications;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverRollback;
import io.cutover.switchover.SwitchoverState;

/** Appmap entries back to OPEN, now on the to-site. Reports the freeze window. */
public final class ThawAfterSwitchoverHandler extends StepHandler<SwitchoverState> {
    private final ThawApplications thaw;

    public ThawAfterSwitchoverHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public ThawAfterSwitchoverHandler(SwitchoverPorts ports) {
        super("ThawAfterSwitchover", "thaw", SwitchoverState.class, ports.core());
        this.thaw = new ThawApplications(ports.core().appMap(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        // Recorded before the thaw: from now on the applications may write on the to-site.
        return thaw.thawApplications(state.runId(), state.input().applications(), state.freeze(),
                SwitchoverRollback.THAWED_ON_TO_SITE_AT);
    }
}
