package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Polled until the S3 task's full load is over; then its files against the source's row counts. */
public final class CheckS3OutputHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public CheckS3OutputHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckS3OutputHandler(MigrationPorts ports) {
        super("CheckS3Output", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.checkOutput(state);
    }
}
