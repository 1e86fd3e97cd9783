package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.PositionCapture;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Inside the freeze: Oracle SCN with no open transaction; PostgreSQL keeps the slot made before the freeze. */
public final class CapturePositionHandler extends StepHandler<RunState> {
    private final PositionCapture capture;

    public CapturePositionHandler() {
        this(AwsPorts.instance());
    }

    public CapturePositionHandler(Ports ports) {
        super("CapturePosition", "position", RunState.class, ports);
        this.capture = new PositionCapture(ports.probes(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return capture.capturePosition(state);
    }
}
