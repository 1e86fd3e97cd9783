package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.BackwardTaskSetup;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Starts the backward task once (start-replication); a running one is left alone. */
public final class StartBackwardTaskHandler extends SwitchoverStepHandler {
    private final BackwardTaskSetup tasks;

    public StartBackwardTaskHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public StartBackwardTaskHandler(SwitchoverPorts ports) {
        super("StartBackwardTask", "backward", ports);
        this.tasks = new BackwardTaskSetup(ports.core().replication(), ports.core().probes(), ports.core().runs(),
                ports.core().clock());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return tasks.start(state);
    }
}
