package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.S3TargetCopy;

/** Polled: the S3 endpoint's connection test from the replication instance. */
public final class CheckS3TargetConnectionHandler extends StepHandler<MigrationState> {
    private final S3TargetCopy copy;

    public CheckS3TargetConnectionHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckS3TargetConnectionHandler(MigrationPorts ports) {
        super("CheckS3TargetConnection", "s3", MigrationState.class, ports.core());
        this.copy = S3TargetCopy.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return copy.checkConnection(state);
    }
}
