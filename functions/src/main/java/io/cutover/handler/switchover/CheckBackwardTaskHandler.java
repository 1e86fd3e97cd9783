package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Polls the backward task until it runs; failed, stopped or too slow ends the run. */
public final class CheckBackwardTaskHandler extends SwitchoverStepHandler {
    private final BackwardTaskSetup tasks;

    public CheckBackwardTaskHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CheckBackwardTaskHandler(SwitchoverPorts ports) {
        super("CheckBackwardTask", "backward", ports);
        this.tasks = new BackwardTaskSetup(ports.core().replication(), ports.core().probes(), ports.core().runs(),
                ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return tasks.check(state);
    }
}
