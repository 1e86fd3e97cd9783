package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.TargetEndpointSetup;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 8: TestConnection from the replication instance to the target endpoint. */
public final class TestTargetConnectionHandler extends StepHandler {
    private final TargetEndpointSetup endpoints;

    public TestTargetConnectionHandler() {
        this(AwsPorts.instance());
    }

    public TestTargetConnectionHandler(Ports ports) {
        super("TestTargetConnection", "connection", ports);
        this.endpoints = new TargetEndpointSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return endpoints.startTest(state);
    }
}
