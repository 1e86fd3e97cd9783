package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.CheckLag;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 2: replica lag under the run's limit (polled by the state machine). */
public final class CheckLagHandler extends StepHandler<RunState> {
    private final CheckLag checkLag;

    public CheckLagHandler() {
        this(AwsPorts.instance());
    }

    public CheckLagHandler(Ports ports) {
        super("CheckLag", "lag", RunState.class, ports);
        this.checkLag = new CheckLag(ports.probes(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return checkLag.check(state);
    }
}
