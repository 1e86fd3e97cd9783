package io.cutover.handler;

import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** A promote-replica step: {@link RunStepHandler} on the promote-replica state and ports. */
public abstract class StepHandler extends RunStepHandler<RunState> {
    protected final Ports ports;

    protected StepHandler(String step, String section, Ports ports) {
        super(step, section, RunState.class, ports.runs(), ports.clock());
        this.ports = ports;
    }

    @Override
    protected final String runId(RunState state) {
        return state.runId();
    }
}
