package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationDataCheck;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.validation.Pause;

/** Frozen and drained: every table must be equal on both sides. */
public final class FinalValidationHandler extends StepHandler<MigrationState> {
    private final MigrationDataCheck check;

    public FinalValidationHandler() {
        this(AwsMigrationPorts.instance());
    }

    public FinalValidationHandler(MigrationPorts ports) {
        super("FinalValidation", "finalValidation", MigrationState.class, ports.core());
        this.check = new MigrationDataCheck(ports.catalog(), ports.checksums(), ports.core().replication(), Pause.SLEEP);
    }

    @Override
    protected Object apply(MigrationState state) {
        return check.finalValidation(state);
    }
}
