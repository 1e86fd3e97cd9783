package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.ReplicaPromotion;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 6, poll fallback: is the promotion complete (Describe decides)? */
public final class CheckPromotionHandler extends StepHandler<RunState> {
    private final ReplicaPromotion promotion;

    public CheckPromotionHandler() {
        this(AwsPorts.instance());
    }

    public CheckPromotionHandler(Ports ports) {
        super("CheckPromotion", "promotion", RunState.class, ports);
        this.promotion = new ReplicaPromotion(ports.instances(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return promotion.checkPromotion(state);
    }
}
