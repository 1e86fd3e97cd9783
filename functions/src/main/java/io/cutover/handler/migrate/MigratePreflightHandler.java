package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigratePreflight;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.runbook.CallBudgets;

/** Every check before anything is touched, every failure named with its fix. */
public final class MigratePreflightHandler extends StepHandler<MigrationState> {
    private final MigratePreflight preflight;
    private final CallBudgets budgets;

    public MigratePreflightHandler() {
        this(AwsMigrationPorts.instance());
    }

    public MigratePreflightHandler(MigrationPorts ports) {
        this(ports, CallBudgets.lambda());
    }

    /** @param budgets each call's time budget (tests: a tiny one, to take several calls) */
    public MigratePreflightHandler(MigrationPorts ports, CallBudgets budgets) {
        super("MigratePreflight", "preflight", MigrationState.class, ports.core());
        this.preflight = new MigratePreflight(ports.catalog(), ports.core().replication(), ports.core().appMap());
        this.budgets = budgets;
    }

    @Override
    protected Object apply(MigrationState state) {
        return preflight.preflight(state, budgets.forCall(timeLeftInCall()));
    }
}
