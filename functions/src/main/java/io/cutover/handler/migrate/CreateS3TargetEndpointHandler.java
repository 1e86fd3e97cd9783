package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Creates the S3 copy's target endpoint (once) and starts its connection test. */
public final class CreateS3TargetEndpointHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public CreateS3TargetEndpointHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CreateS3TargetEndpointHandler(MigrationPorts ports) {
        super("CreateS3TargetEndpoint", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.createEndpoint(state);
    }
}
