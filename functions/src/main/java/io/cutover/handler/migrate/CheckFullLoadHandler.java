package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.FullLoadProgress;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Polled: the full load's progress per table into the run item until every table is loaded. */
public final class CheckFullLoadHandler extends StepHandler<MigrationState> {
    private final FullLoadProgress progress;

    public CheckFullLoadHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckFullLoadHandler(MigrationPorts ports) {
        super("CheckFullLoad", "load", MigrationState.class, ports.core());
        this.progress = new FullLoadProgress(ports.core().replication(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return progress.check(state);
    }
}
