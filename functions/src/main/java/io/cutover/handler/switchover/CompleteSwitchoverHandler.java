package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.SwitchoverCompletion;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Ends a successful switchover: run item SUCCEEDED, lock released, a summary as output. */
public final class CompleteSwitchoverHandler extends SwitchoverStepHandler {
    private final SwitchoverCompletion completion;

    public CompleteSwitchoverHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public CompleteSwitchoverHandler(SwitchoverPorts ports) {
        super("CompleteSwitchover", "result", ports);
        this.completion = new SwitchoverCompletion(ports.core().runs());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return completion.complete(state);
    }
}
