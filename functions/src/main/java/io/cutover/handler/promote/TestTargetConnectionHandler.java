package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.promote.TargetEndpointSetup;
import io.cutover.runbook.Ports;

/** Step 8: TestConnection from the replication instance to the target endpoint. */
public final class TestTargetConnectionHandler extends StepHandler<RunState> {
    private final TargetEndpointSetup endpoint;

    public TestTargetConnectionHandler() {
        this(AwsPorts.instance());
    }

    public TestTargetConnectionHandler(Ports ports) {
        super("TestTargetConnection", "connection", RunState.class, ports);
        this.endpoint = new TargetEndpointSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return endpoint.testTargetConnection(state);
    }
}
