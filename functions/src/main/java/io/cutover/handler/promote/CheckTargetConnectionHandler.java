package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.TargetEndpointSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 8, polled: DescribeConnections until successful; failed ends the run with DMS's message. */
public final class CheckTargetConnectionHandler extends StepHandler {
    private final TargetEndpointSetup endpoints;

    public CheckTargetConnectionHandler() {
        this(AwsPorts.instance());
    }

    public CheckTargetConnectionHandler(Ports ports) {
        super("CheckTargetConnection", "connection", ports);
        this.endpoints = new TargetEndpointSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return endpoints.checkTest(state);
    }
}
