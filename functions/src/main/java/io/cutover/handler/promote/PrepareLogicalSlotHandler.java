package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.PositionCapture;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Before the freeze: PostgreSQL logical slot and publication on the source (Oracle: nothing to prepare). */
public final class PrepareLogicalSlotHandler extends StepHandler<RunState> {
    private final PositionCapture capture;

    public PrepareLogicalSlotHandler() {
        this(AwsPorts.instance());
    }

    public PrepareLogicalSlotHandler(Ports ports) {
        super("PrepareLogicalSlot", "position", RunState.class, ports);
        this.capture = new PositionCapture(ports.probes(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return capture.prepareLogicalSlot(state);
    }
}
