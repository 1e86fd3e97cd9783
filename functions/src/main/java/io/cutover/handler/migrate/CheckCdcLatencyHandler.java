package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.CdcLatencyGate;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** One read of the CDC latency gate: CloudWatch's CDC latency and a sentinel through the task. */
public final class CheckCdcLatencyHandler extends StepHandler<MigrationState> {
    private final CdcLatencyGate gate;

    public CheckCdcLatencyHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckCdcLatencyHandler(MigrationPorts ports) {
        super("CheckCdcLatency", "latency", MigrationState.class, ports.core());
        this.gate = new CdcLatencyGate(ports.core().replication(), ports.metrics(), ports.sites(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return gate.check(state);
    }
}
