package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationDataCheck;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.validation.Pause;

/** DMS's validation state per table and the product's own checksums, while CDC flows. */
public final class ValidateDataHandler extends StepHandler<MigrationState> {
    private final MigrationDataCheck check;

    public ValidateDataHandler() {
        this(AwsMigrationPorts.instance());
    }

    public ValidateDataHandler(MigrationPorts ports) {
        super("ValidateData", "validation", MigrationState.class, ports.core());
        this.check = new MigrationDataCheck(ports.catalog(), ports.checksums(), ports.core().replication(), Pause.SLEEP);
    }

    @Override
    protected Object apply(MigrationState state) {
        return check.validate(state);
    }
}
