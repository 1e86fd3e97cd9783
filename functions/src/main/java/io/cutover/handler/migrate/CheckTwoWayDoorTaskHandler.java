package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.TwoWayDoorHandover;

/** afterCutover twoWayDoor. Polls the backward task until it runs. */
public final class CheckTwoWayDoorTaskHandler extends StepHandler<MigrationState> {
    private final TwoWayDoorHandover door;

    public CheckTwoWayDoorTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CheckTwoWayDoorTaskHandler(MigrationPorts ports) {
        super("CheckTwoWayDoorTask", "twoWayDoor", MigrationState.class, ports.core());
        this.door = TwoWayDoorHandover.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return door.checkTask(state);
    }
}
