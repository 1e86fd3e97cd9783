package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.ReplicaPromotion;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 6: PromoteReadReplica, exactly once. */
public final class PromoteReplicaHandler extends StepHandler<RunState> {
    private final ReplicaPromotion promotion;

    public PromoteReplicaHandler() {
        this(AwsPorts.instance());
    }

    public PromoteReplicaHandler(Ports ports) {
        super("PromoteReplica", "promotion", RunState.class, ports);
        this.promotion = new ReplicaPromotion(ports.instances(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return promotion.promoteReplica(state);
    }
}
