package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.ReplicaPromotion;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 6, poll fallback: is the promotion complete (Describe decides)? */
public final class CheckPromotionHandler extends StepHandler {
    private final ReplicaPromotion promotion;

    public CheckPromotionHandler() {
        this(AwsPorts.instance());
    }

    public CheckPromotionHandler(Ports ports) {
        super("CheckPromotion", "promotion", ports);
        this.promotion = new ReplicaPromotion(ports.instances(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return promotion.check(state);
    }
}
