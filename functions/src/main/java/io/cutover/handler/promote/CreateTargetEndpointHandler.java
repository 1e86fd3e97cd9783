package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.promote.TargetEndpointSetup;
import io.cutover.runbook.Ports;

/** Step 7: the DMS target endpoint to the promoted replica (credentials by secret ARN). */
public final class CreateTargetEndpointHandler extends StepHandler<RunState> {
    private final TargetEndpointSetup endpoint;

    public CreateTargetEndpointHandler() {
        this(AwsPorts.instance());
    }

    public CreateTargetEndpointHandler(Ports ports) {
        super("CreateTargetEndpoint", "target", RunState.class, ports);
        this.endpoint = new TargetEndpointSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return endpoint.createTargetEndpoint(state);
    }
}
