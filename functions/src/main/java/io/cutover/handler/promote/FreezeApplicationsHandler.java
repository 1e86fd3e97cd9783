package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.runbook.FreezeApplications;
import io.cutover.runbook.Ports;

/** Step 3: sets the applications' appmap entries to FROZEN (skipped in PostgreSQL no-freeze mode). */
public final class FreezeApplicationsHandler extends StepHandler<RunState> {
    private final FreezeApplications freeze;

    public FreezeApplicationsHandler() {
        this(AwsPorts.instance());
    }

    public FreezeApplicationsHandler(Ports ports) {
        super("FreezeApplications", "freeze", RunState.class, ports);
        this.freeze = new FreezeApplications(ports.appMap(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        if (!state.input().freezeApplications()) return freeze.skipped();
        return freeze.freezeApplications(state.runId(), state.input().applications());
    }
}
