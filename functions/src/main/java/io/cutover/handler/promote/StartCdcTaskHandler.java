package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.CdcTaskSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.DmsTaskSetup;
import io.cutover.runbook.Ports;

/** Step 9: StartReplicationTask (start-replication), exactly once. */
public final class StartCdcTaskHandler extends StepHandler<RunState> {
    private final CdcTaskSetup tasks;

    public StartCdcTaskHandler() {
        this(AwsPorts.instance());
    }

    public StartCdcTaskHandler(Ports ports) {
        super("StartCdcTask", "task", RunState.class, ports);
        this.tasks = new CdcTaskSetup(new DmsTaskSetup(ports.replication(), ports.runs(), ports.clock()));
    }

    @Override
    protected Object apply(RunState state) {
        return tasks.startCdcTask(state);
    }
}
