package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.StepHandler;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.TwoWayDoorHandover;

/** afterCutover twoWayDoor. After the thaw: writes on the target reach the source through the backward task. */
public final class VerifyTwoWayDoorFlowHandler extends StepHandler<MigrationState> {
    private final TwoWayDoorHandover door;

    public VerifyTwoWayDoorFlowHandler() {
        this(AwsMigrationPorts.instance());
    }

    public VerifyTwoWayDoorFlowHandler(MigrationPorts ports) {
        super("VerifyTwoWayDoorFlow", "twoWayDoor", MigrationState.class, ports.core());
        this.door = TwoWayDoorHandover.of(ports);
    }

    @Override
    protected Object apply(MigrationState state) {
        return door.verifyFlow(state);
    }
}
