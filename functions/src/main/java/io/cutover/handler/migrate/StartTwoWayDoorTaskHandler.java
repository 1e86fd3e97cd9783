package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.TwoWayDoorHandover;

/** afterCutover twoWayDoor. Inside the freeze, before the routing: starts the backward task from the target's position taken now. */
public final class StartTwoWayDoorTaskHandler extends StepHandler<MigrationState> {
    private final TwoWayDoorHandover door;

    public StartTwoWayDoorTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public StartTwoWayDoorTaskHandler(MigrationPorts ports) {
        super("StartTwoWayDoorTask", "twoWayDoor", MigrationState.class, ports.core());
        this.door = TwoWayDoorHandover.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return door.startTask(state);
    }
}
