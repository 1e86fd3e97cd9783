package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.CdcTaskSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.DmsTaskSetup;
import io.cutover.runbook.Ports;

/** Step 9: the CDC-only replication task at the captured position. */
public final class CreateCdcTaskHandler extends StepHandler<RunState> {
    private final CdcTaskSetup tasks;

    public CreateCdcTaskHandler() {
        this(AwsPorts.instance());
    }

    public CreateCdcTaskHandler(Ports ports) {
        super("CreateCdcTask", "task", RunState.class, ports);
        this.tasks = new CdcTaskSetup(new DmsTaskSetup(ports.replication(), ports.runs(), ports.clock()));
    }

    @Override
    protected Object apply(RunState state) {
        return tasks.createCdcTask(state);
    }
}
