package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.runbook.CompleteRun;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Ends a successful switchover: run item SUCCEEDED, lock released, a summary as output. */
public final class CompleteSwitchoverHandler extends StepHandler<SwitchoverState> {
    private final CompleteRun completeRun;

    public CompleteSwitchoverHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CompleteSwitchoverHandler(SwitchoverPorts ports) {
        super("CompleteSwitchover", "result", SwitchoverState.class, ports.core());
        this.completeRun = new CompleteRun(ports.core().runs());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        completeRun.completeRun(state);
        return state.succeeded();
    }
}
