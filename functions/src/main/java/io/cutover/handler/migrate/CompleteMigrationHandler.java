package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.runbook.CompleteRun;

/** Ends a successful migration: run item SUCCEEDED, lock released, a summary as output. */
public final class CompleteMigrationHandler extends StepHandler<MigrationState> {
    private final CompleteRun completeRun;

    public CompleteMigrationHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CompleteMigrationHandler(MigrationPorts ports) {
        super("CompleteMigration", "result", MigrationState.class, ports.core());
        this.completeRun = new CompleteRun(ports.core().runs());
    }

    @Override
    protected Object apply(MigrationState state) {
        completeRun.completeRun(state);
        return state.succeeded();
    }
}
