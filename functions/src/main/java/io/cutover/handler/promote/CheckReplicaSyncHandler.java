package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.CheckReplicaSync;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 4: the replica has applied everything the frozen source wrote. */
public final class CheckReplicaSyncHandler extends StepHandler<RunState> {
    private final CheckReplicaSync checkSync;

    public CheckReplicaSyncHandler() {
        this(AwsPorts.instance());
    }

    public CheckReplicaSyncHandler(Ports ports) {
        super("CheckReplicaSync", "sync", RunState.class, ports);
        this.checkSync = new CheckReplicaSync(ports.probes(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return checkSync.check(state);
    }
}
