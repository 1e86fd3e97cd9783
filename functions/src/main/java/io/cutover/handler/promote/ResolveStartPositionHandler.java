package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.PositionCapture;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 5, after promotion: the exact CDC start (PostgreSQL fork LSN; Oracle SCN as captured). */
public final class ResolveStartPositionHandler extends StepHandler<RunState> {
    private final PositionCapture capture;

    public ResolveStartPositionHandler() {
        this(AwsPorts.instance());
    }

    public ResolveStartPositionHandler(Ports ports) {
        super("ResolveStartPosition", "position", RunState.class, ports);
        this.capture = new PositionCapture(ports.probes(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return capture.resolveStartPosition(state);
    }
}
