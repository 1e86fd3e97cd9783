package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.runbook.RouteApplications;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Points the frozen applications' appmap entries at the to-site. */
public final class RouteApplicationsHandler extends StepHandler<SwitchoverState> {
    private final RouteApplications route;

    public RouteApplicationsHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public RouteApplicationsHandler(SwitchoverPorts ports) {
        super("RouteApplications", "routing", SwitchoverState.class, ports.core());
        this.route = new RouteApplications(ports.core().appMap(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return route.routeApplications(state.runId(), state.input().applications(), state.input().toSite().name());
    }
}
