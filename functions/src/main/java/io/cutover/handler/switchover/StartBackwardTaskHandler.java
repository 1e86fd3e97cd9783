package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Starts the backward task once (start-replication); a running one is left alone. */
public final class StartBackwardTaskHandler extends StepHandler<SwitchoverState> {
    private final BackwardTaskSetup tasks;

    public StartBackwardTaskHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public StartBackwardTaskHandler(SwitchoverPorts ports) {
        super("StartBackwardTask", "backward", SwitchoverState.class, ports.core());
        this.tasks = new BackwardTaskSetup(ports.core().replication(), ports.core().probes(), ports.core().runs(),
                ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return tasks.startBackwardTask(state);
    }
}
