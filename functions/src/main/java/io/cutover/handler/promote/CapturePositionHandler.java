package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.PositionCapture;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 5: Oracle SCN with no open transaction / PostgreSQL slot and publication before promotion. */
public final class CapturePositionHandler extends StepHandler {
    private final PositionCapture capture;

    public CapturePositionHandler() {
        this(AwsPorts.instance());
    }

    public CapturePositionHandler(Ports ports) {
        super("CapturePosition", "position", ports);
        this.capture = new PositionCapture(ports.probes(), ports.runs());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return capture.capture(state);
    }
}
