package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.runbook.RouteApplications;

/** Points the frozen applications' appmap entries at the target's site. */
public final class RouteToTargetHandler extends StepHandler<MigrationState> {
    private final RouteApplications route;

    public RouteToTargetHandler() {
        this(AwsMigrationPorts.instance());
    }

    public RouteToTargetHandler(MigrationPorts ports) {
        super("RouteToTarget", "routing", MigrationState.class, ports.core());
        this.route = new RouteApplications(ports.core().appMap(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return route.routeApplications(state.runId(), state.input().applications(), state.input().target().site());
    }
}
