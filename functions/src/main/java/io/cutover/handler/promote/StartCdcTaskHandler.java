package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.CdcTaskSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 9: StartReplicationTask (start-replication), exactly once. */
public final class StartCdcTaskHandler extends StepHandler {
    private final CdcTaskSetup tasks;

    public StartCdcTaskHandler() {
        this(AwsPorts.instance());
    }

    public StartCdcTaskHandler(Ports ports) {
        super("StartCdcTask", "task", ports);
        this.tasks = new CdcTaskSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return tasks.start(state);
    }
}
