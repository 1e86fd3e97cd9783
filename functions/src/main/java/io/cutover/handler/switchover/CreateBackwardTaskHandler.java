package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Creates the backward task (to-site -> from-site, CDC from the to-site's position, loopback prevention mirrored), or finds it. */
public final class CreateBackwardTaskHandler extends StepHandler<SwitchoverState> {
    private final BackwardTaskSetup tasks;

    public CreateBackwardTaskHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CreateBackwardTaskHandler(SwitchoverPorts ports) {
        super("CreateBackwardTask", "backward", SwitchoverState.class, ports.core());
        this.tasks = new BackwardTaskSetup(ports.core().replication(), ports.core().probes(), ports.core().runs(),
                ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return tasks.createBackwardTask(state);
    }
}
