package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.SourceSnapshot;

/** Requests the source's manual snapshot (instance or cluster) once. */
public final class SnapshotSourceHandler extends StepHandler<MigrationState> {
    private final SourceSnapshot snapshot;

    public SnapshotSourceHandler() {
        this(AwsMigrationPorts.instance());
    }

    public SnapshotSourceHandler(MigrationPorts ports) {
        super("SnapshotSource", "snapshot", MigrationState.class, ports.core());
        this.snapshot = new SourceSnapshot(ports.core().instances(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return snapshot.snapshotSource(state);
    }
}
