package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.runbook.CompleteRun;
import io.cutover.runbook.Ports;

/** Ends a successful run: run item SUCCEEDED, lock released; the output summarises what was made. */
public final class CompleteRunHandler extends StepHandler<RunState> {
    private final CompleteRun completeRun;

    public CompleteRunHandler() {
        this(AwsPorts.instance());
    }

    public CompleteRunHandler(Ports ports) {
        super("CompleteRun", "result", RunState.class, ports);
        this.completeRun = new CompleteRun(ports.runs());
    }

    @Override
    protected Object apply(RunState state) {
        completeRun.completeRun(state);
        return state.succeeded();
    }
}
