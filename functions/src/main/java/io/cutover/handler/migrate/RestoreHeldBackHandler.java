package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.runbook.CallBudgets;
import io.cutover.migrate.run.RestoreHeldBack;

/** Recreates what was held back for the load, each object with its time. */
public final class RestoreHeldBackHandler extends StepHandler<MigrationState> {
    private final RestoreHeldBack restore;
    private final CallBudgets budgets;

    public RestoreHeldBackHandler() {
        this(AwsMigrationPorts.instance());
    }

    public RestoreHeldBackHandler(MigrationPorts ports) {
        this(ports, CallBudgets.lambda());
    }

    /** @param budgets each call's time budget (tests: a tiny one, to take several calls) */
    public RestoreHeldBackHandler(MigrationPorts ports, CallBudgets budgets) {
        super("RestoreHeldBack", "restored", MigrationState.class, ports.core());
        this.restore = new RestoreHeldBack(ports.target(), ports.core().runs());
        this.budgets = budgets;
    }

    @Override
    protected Object apply(MigrationState state) {
        return restore.restore(state, budgets.forCall(timeLeftInCall()));
    }
}
