package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.TargetEndpointSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 7: the DMS target endpoint to the promoted replica (credentials by secret ARN). */
public final class CreateTargetEndpointHandler extends StepHandler {
    private final TargetEndpointSetup endpoints;

    public CreateTargetEndpointHandler() {
        this(AwsPorts.instance());
    }

    public CreateTargetEndpointHandler(Ports ports) {
        super("CreateTargetEndpoint", "target", ports);
        this.endpoints = new TargetEndpointSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return endpoints.create(state);
    }
}
