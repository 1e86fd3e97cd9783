package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Finds or creates the S3 copy's full-load-and-cdc task (the run's source endpoint, the same mappings). */
public final class CreateS3TaskHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public CreateS3TaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CreateS3TaskHandler(MigrationPorts ports) {
        super("CreateS3Task", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.createTask(state);
    }
}
