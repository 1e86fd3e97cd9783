package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.TwoWayDoorHandover;

/** afterCutover twoWayDoor. Before the freeze: the target's slot, then the backward task target -> source (CDC only, no position), or finds it. */
public final class CreateTwoWayDoorTaskHandler extends StepHandler<MigrationState> {
    private final TwoWayDoorHandover door;

    public CreateTwoWayDoorTaskHandler() {
        this(AwsMigrationPorts.instance());
    }

    public CreateTwoWayDoorTaskHandler(MigrationPorts ports) {
        super("CreateTwoWayDoorTask", "twoWayDoor", MigrationState.class, ports.core());
        this.door = TwoWayDoorHandover.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return door.createTask(state);
    }
}
