package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationCutover;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;

/** After the thaw: a write on the target, read back. */
public final class VerifyTargetWritesHandler extends StepHandler<MigrationState> {
    private final MigrationCutover cutover;

    public VerifyTargetWritesHandler() {
        this(AwsMigrationPorts.instance());
    }

    public VerifyTargetWritesHandler(MigrationPorts ports) {
        super("VerifyTargetWrites", "verify", MigrationState.class, ports.core());
        this.cutover = new MigrationCutover(ports.sites(), ports.target(), ports.core().replication(),
                ports.targetParameterGroup());
    }

    @Override
    protected Object apply(MigrationState state) {
        return cutover.verifyTargetWrites(state);
    }
}
