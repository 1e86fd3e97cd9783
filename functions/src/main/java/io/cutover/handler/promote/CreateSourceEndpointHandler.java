package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.promote.RunState;
import io.cutover.promote.SourceEndpointSetup;
import io.cutover.runbook.Ports;

/** Before the freeze: the run's own PostgreSQL source endpoint (SlotName, PluginName), or the input's. */
public final class CreateSourceEndpointHandler extends StepHandler<RunState> {
    private final SourceEndpointSetup setup;

    public CreateSourceEndpointHandler() {
        this(AwsPorts.instance());
    }

    public CreateSourceEndpointHandler(Ports ports) {
        super("CreateSourceEndpoint", "sourceEndpoint", RunState.class, ports);
        this.setup = new SourceEndpointSetup(ports.replication(), ports.runs());
    }

    @Override
    protected Object apply(RunState state) {
        return setup.createSourceEndpoint(state);
    }
}
