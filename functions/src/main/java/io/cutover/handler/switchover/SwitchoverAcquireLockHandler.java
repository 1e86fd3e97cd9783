package io.cutover.handler.switchover;

import io.cutover.handler.AcquireLockStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Takes the one-run-per-pair lock and creates the run item; a second run on the same pair is refused. */
public final class SwitchoverAcquireLockHandler extends AcquireLockStepHandler<SwitchoverState> {

    public SwitchoverAcquireLockHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SwitchoverAcquireLockHandler(SwitchoverPorts ports) {
        super("SwitchoverAcquireLock", SwitchoverState.class, ports.core());
    }
}
