package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Polls the backward task until it runs; failed, stopped or too slow ends the run. */
public final class CheckBackwardTaskHandler extends StepHandler<SwitchoverState> {
    private final BackwardTaskSetup tasks;

    public CheckBackwardTaskHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CheckBackwardTaskHandler(SwitchoverPorts ports) {
        super("CheckBackwardTask", "backward", SwitchoverState.class, ports.core());
        this.tasks = new BackwardTaskSetup(ports.core().replication(), ports.core().probes(), ports.core().runs(),
                ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return tasks.checkBackwardTask(state);
    }
}
