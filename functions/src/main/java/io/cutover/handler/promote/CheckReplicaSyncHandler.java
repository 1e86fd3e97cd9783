package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.CheckReplicaSync;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 4: the replica has applied everything the frozen source wrote. */
public final class CheckReplicaSyncHandler extends StepHandler {
    private final CheckReplicaSync syncCheck;

    public CheckReplicaSyncHandler() {
        this(AwsPorts.instance());
    }

    public CheckReplicaSyncHandler(Ports ports) {
        super("CheckReplicaSync", "sync", ports);
        this.syncCheck = new CheckReplicaSync(ports.probes(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return syncCheck.check(state);
    }
}
