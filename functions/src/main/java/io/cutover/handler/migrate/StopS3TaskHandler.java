package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Stops the S3 copy's task and waits for it before the run completes. */
public final class StopS3TaskHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public StopS3TaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public StopS3TaskHandler(MigrationPorts ports) {
        super("StopS3Task", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.stop(state);
    }
}
