package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Records a caught S3 copy failure in the run item; the database's run goes on. */
public final class S3CopyFailedHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public S3CopyFailedHandler() {
        this(AwsMigrationPorts.instance());
    }

    public S3CopyFailedHandler(MigrationPorts ports) {
        super("S3CopyFailed", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.failed(state);
    }
}
