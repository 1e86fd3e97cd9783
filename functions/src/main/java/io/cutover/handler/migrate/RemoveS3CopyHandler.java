package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** After a rollback: the S3 copy's task stopped and deleted, then its endpoint deleted (only what the run created). */
public final class RemoveS3CopyHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public RemoveS3CopyHandler() {
        this(AwsMigrationPorts.instance());
    }

    public RemoveS3CopyHandler(MigrationPorts ports) {
        super("RemoveS3Copy", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.remove(state);
    }
}
