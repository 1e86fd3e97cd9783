package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.RouteApplications;
import io.cutover.switchover.SwitchoverRollback;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Points the frozen applications' appmap entries at the to-site. */
public final class RouteApplicationsHandler extends SwitchoverStepHandler {
    private final RouteApplications routing;

    public RouteApplicationsHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public RouteApplicationsHandler(SwitchoverPorts ports) {
        super("RouteApplications", "routing", ports);
        this.routing = new RouteApplications(ports.core().appMap());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        // Recorded before the appmap changes: a rollback must know the applications may have moved.
        ports.core().runs().recordResource(state.runId(), SwitchoverRollback.ROUTED_AT, ports.core().clock().instant().toString());
        String to = state.input().toSite().name();
        return new SwitchoverState.Routing(routing.route(state.runId(), state.input().applications(), to), to,
                ports.core().clock().instant());
    }
}
