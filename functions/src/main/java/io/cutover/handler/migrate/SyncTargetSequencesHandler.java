package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.SyncTargetSequences;

/** Every target sequence set to the source's value plus the buffer, verified. */
public final class SyncTargetSequencesHandler extends StepHandler<MigrationState> {
    private final SyncTargetSequences sequences;

    public SyncTargetSequencesHandler() {
        this(AwsMigrationPorts.instance());
    }

    public SyncTargetSequencesHandler(MigrationPorts ports) {
        super("SyncTargetSequences", "sequences", MigrationState.class, ports.core());
        this.sequences = new SyncTargetSequences(ports.catalog(), ports.sites(), ports.core().runs());
    }

    @Override
    protected Object apply(MigrationState state) {
        return sequences.sync(state);
    }
}
