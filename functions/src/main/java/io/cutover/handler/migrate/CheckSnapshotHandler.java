package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.SourceSnapshot;

/** Polled until the source snapshot is available; failed or too slow ends the run. */
public final class CheckSnapshotHandler extends StepHandler<MigrationState> {
    private final SourceSnapshot snapshot;

    public CheckSnapshotHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckSnapshotHandler(MigrationPorts ports) {
        super("CheckSnapshot", "snapshot", MigrationState.class, ports.core());
        this.snapshot = new SourceSnapshot(ports.core().instances(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return snapshot.checkSnapshot(state);
    }
}
