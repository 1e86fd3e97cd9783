package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.FreezeApplications;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

import java.util.List;

/** Step 3: sets the applications' appmap entries to FROZEN (skipped in PostgreSQL no-freeze mode). */
public final class FreezeApplicationsHandler extends StepHandler {
    private final FreezeApplications freeze;

    public FreezeApplicationsHandler() {
        this(AwsPorts.instance());
    }

    public FreezeApplicationsHandler(Ports ports) {
        super("FreezeApplications", "freeze", ports);
        this.freeze = new FreezeApplications(ports.appMap());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        if (!state.input().freezeApplications()) {
            return new RunState.Freeze(List.of(), true, ports.clock().instant());
        }
        return new RunState.Freeze(freeze.freeze(state.runId(), state.input().applications()), false,
                ports.clock().instant());
    }
}
