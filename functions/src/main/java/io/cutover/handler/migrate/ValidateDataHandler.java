package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationDataCheck;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.validation.Pause;
import io.cutover.runbook.CallBudgets;

/** DMS's validation state per table and the product's own checksums, while CDC flows; a pass longer than one call goes on in the next (the Choice ValidationComplete). */
public final class ValidateDataHandler extends StepHandler<MigrationState> {
    private final MigrationDataCheck check;
    private final CallBudgets budgets;

    public ValidateDataHandler() {
        this(AwsMigrationPorts.instance());
    }

    public ValidateDataHandler(MigrationPorts ports) {
        this(ports, CallBudgets.lambda());
    }

    /** @param budgets each call's time budget (tests: a tiny one, to take several calls) */
    public ValidateDataHandler(MigrationPorts ports, CallBudgets budgets) {
        super("ValidateData", "validation", MigrationState.class, ports.core());
        this.check = new MigrationDataCheck(ports.catalog(), ports.checksums(), ports.core().replication(), Pause.SLEEP);
        this.budgets = budgets;
    }

    @Override
    protected Object apply(MigrationState state) {
        return check.validate(state, budgets.forCall(timeLeftInCall()));
    }
}
