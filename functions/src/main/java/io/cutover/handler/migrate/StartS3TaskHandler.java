package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Starts the S3 copy's task once (its load begins now). */
public final class StartS3TaskHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public StartS3TaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public StartS3TaskHandler(MigrationPorts ports) {
        super("StartS3Task", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.startTask(state);
    }
}
