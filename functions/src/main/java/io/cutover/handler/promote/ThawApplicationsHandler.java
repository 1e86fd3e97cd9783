package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;
import io.cutover.runbook.ThawApplications;

/** Step 10: appmap entries back to OPEN, still on the source site. Reports the freeze window. */
public final class ThawApplicationsHandler extends StepHandler<RunState> {
    private final ThawApplications thaw;

    public ThawApplicationsHandler() {
        this(AwsPorts.instance());
    }

    public ThawApplicationsHandler(Ports ports) {
        super("ThawApplications", "thaw", RunState.class, ports);
        this.thaw = new ThawApplications(ports.appMap(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return thaw.thawApplications(state.runId(), state.input().applications(), state.freeze());
    }
}
