package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationDataCheck;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.validation.Pause;
import io.cutover.runbook.CallBudgets;

/** Frozen and drained: every table must be equal on both sides; a pass longer than one call goes on in the next at once (no wait in the freeze). */
public final class FinalValidationHandler extends StepHandler<MigrationState> {
    private final MigrationDataCheck check;
    private final CallBudgets budgets;

    public FinalValidationHandler() {
        this(AwsMigrationPorts.instance());
    }

    public FinalValidationHandler(MigrationPorts ports) {
        this(ports, CallBudgets.lambda());
    }

    /** @param budgets each call's time budget (tests: a tiny one, to take several calls) */
    public FinalValidationHandler(MigrationPorts ports, CallBudgets budgets) {
        super("FinalValidation", "finalValidation", MigrationState.class, ports.core());
        this.check = new MigrationDataCheck(ports.catalog(), ports.checksums(), ports.core().replication(), Pause.SLEEP);
        this.budgets = budgets;
    }

    @Override
    protected Object apply(MigrationState state) {
        return check.finalValidation(state, budgets.forCall(timeLeftInCall()));
    }
}
