package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.DatabaseLocator;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** Where source and target answer, read from RDS (instance endpoint or cluster writer); a busy one is retried. */
public final class LocateDatabasesHandler extends StepHandler<MigrationState> {
    private final DatabaseLocator locator;

    public LocateDatabasesHandler() {
        this(AwsMigrationPorts.instance());
    }

    public LocateDatabasesHandler(MigrationPorts ports) {
        super("LocateDatabases", "databases", MigrationState.class, ports.core());
        this.locator = new DatabaseLocator(ports.core().instances());
    }

    @Override
    protected Object apply(MigrationState state) {
        return locator.locate(state.input());
    }
}
