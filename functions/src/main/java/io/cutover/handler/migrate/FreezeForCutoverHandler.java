package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.runbook.FreezeApplications;

/** Sets the applications FROZEN in the appmap: nothing writes on the source from now on. */
public final class FreezeForCutoverHandler extends StepHandler<MigrationState> {
    private final FreezeApplications freeze;

    public FreezeForCutoverHandler() {
        this(AwsMigrationPorts.instance());
    }

    public FreezeForCutoverHandler(MigrationPorts ports) {
        super("FreezeForCutover", "freeze", MigrationState.class, ports.core());
        this.freeze = new FreezeApplications(ports.core().appMap(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return freeze.freezeApplications(state.runId(), state.input().applications());
    }
}
