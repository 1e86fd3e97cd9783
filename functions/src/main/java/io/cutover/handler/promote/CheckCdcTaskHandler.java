package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.CdcTaskSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 9, poll fallback: is the CDC task running? */
public final class CheckCdcTaskHandler extends StepHandler {
    private final CdcTaskSetup tasks;

    public CheckCdcTaskHandler() {
        this(AwsPorts.instance());
    }

    public CheckCdcTaskHandler(Ports ports) {
        super("CheckCdcTask", "task", ports);
        this.tasks = new CdcTaskSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return tasks.check(state);
    }
}
