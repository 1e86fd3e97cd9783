package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.CdcTaskSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.DmsTaskSetup;
import io.cutover.runbook.Ports;

/** Step 9, poll fallback: is the CDC task running? */
public final class CheckCdcTaskHandler extends StepHandler<RunState> {
    private final CdcTaskSetup tasks;

    public CheckCdcTaskHandler() {
        this(AwsPorts.instance());
    }

    public CheckCdcTaskHandler(Ports ports) {
        super("CheckCdcTask", "task", RunState.class, ports);
        this.tasks = new CdcTaskSetup(new DmsTaskSetup(ports.replication(), ports.runs(), ports.clock()));
    }

    @Override
    protected Object apply(RunState state) {
        return tasks.checkCdcTask(state);
    }
}
