package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.promote.TargetEndpointSetup;
import io.cutover.runbook.Ports;

/** Step 8, polled: DescribeConnections until successful; failed ends the run with DMS's message. */
public final class CheckTargetConnectionHandler extends StepHandler<RunState> {
    private final TargetEndpointSetup endpoint;

    public CheckTargetConnectionHandler() {
        this(AwsPorts.instance());
    }

    public CheckTargetConnectionHandler(Ports ports) {
        super("CheckTargetConnection", "connection", RunState.class, ports);
        this.endpoint = new TargetEndpointSetup(ports.replication(), ports.runs(), ports.clock());
    }

    @Override
    protected Object apply(RunState state) {
        return endpoint.checkTargetConnection(state);
    }
}
