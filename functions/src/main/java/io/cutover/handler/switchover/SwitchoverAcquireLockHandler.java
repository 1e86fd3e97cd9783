package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.SwitchoverStart;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Takes the one-run-per-pair lock and creates the run item; a second run on the same pair is refused. */
public final class SwitchoverAcquireLockHandler extends SwitchoverStepHandler {
    private final SwitchoverStart start;

    public SwitchoverAcquireLockHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SwitchoverAcquireLockHandler(SwitchoverPorts ports) {
        super("SwitchoverAcquireLock", "run", ports);
        this.start = new SwitchoverStart(ports.core().runs(), ports.core().clock());
    }

    /** Before the lock is ours there is no run item (and a refused run must not write one). */
    @Override
    protected boolean recordsStart() {
        return false;
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return java.util.Map.of("startedAt", start.start(state).toString());
    }
}
