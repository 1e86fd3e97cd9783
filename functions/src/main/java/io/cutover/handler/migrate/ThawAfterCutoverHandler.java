package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.runbook.ThawApplications;

/** Appmap entries back to OPEN, now on the target. Reports the freeze window. */
public final class ThawAfterCutoverHandler extends StepHandler<MigrationState> {
    private final ThawApplications thaw;

    public ThawAfterCutoverHandler() {
        this(AwsMigrationPorts.instance());
    }

    public ThawAfterCutoverHandler(MigrationPorts ports) {
        super("ThawAfterCutover", "thaw", MigrationState.class, ports.core());
        this.thaw = new ThawApplications(ports.core().appMap(), ports.core().runs(), ports.core().clock());
    }

    @Override
    protected Object apply(MigrationState state) {
        return thaw.thawApplications(state.runId(), state.input().applications(), state.freeze());
    }
}
