package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.FreezeApplications;
import io.cutover.switchover.SwitchoverRollback;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Appmap entries back to OPEN, now on the to-site. Reports the freeze window. */
public final class ThawAfterSwitchoverHandler extends SwitchoverStepHandler {
    private final FreezeApplications freeze;

    public ThawAfterSwitchoverHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public ThawAfterSwitchoverHandler(SwitchoverPorts ports) {
        super("ThawAfterSwitchover", "thaw", ports);
        this.freeze = new FreezeApplications(ports.core().appMap());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        // Recorded before the thaw: from now on the applications may write on the to-site.
        ports.core().runs().recordResource(state.runId(), SwitchoverRollback.THAWED_ON_TO_SITE_AT,
                ports.core().clock().instant().toString());
        java.util.List<String> thawed = freeze.thaw(state.runId(), state.input().applications());
        java.time.Instant now = ports.core().clock().instant();
        double window = state.freeze() == null ? 0 : java.time.Duration.between(state.freeze().at(), now).toMillis() / 1000.0;
        return new SwitchoverState.Thaw(thawed, now, window);
    }
}
