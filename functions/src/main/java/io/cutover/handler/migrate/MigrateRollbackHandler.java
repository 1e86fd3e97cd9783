package io.cutover.handler.migrate;

import io.cutover.handler.AwsMigrationPorts;
import io.cutover.handler.RollbackStepHandler;
import io.cutover.migrate.run.MigrateRollback;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.migrate.run.MigrationState;
import io.cutover.migrate.run.RestoreHeldBack;
import io.cutover.runbook.Ports;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RouteApplications;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;

/**
 * Any failure lands here: before routing, applications back on the source and thawed, the
 * target's role restored and held-back objects recreated; after routing, thawed on the target
 * with the failback named. Nothing deleted or stopped; lock released, cause recorded.
 */
public final class MigrateRollbackHandler extends RollbackStepHandler<MigrationState> {
    private final MigrateRollback rollback;

    public MigrateRollbackHandler() {
        this(AwsMigrationPorts.instance());
    }

    public MigrateRollbackHandler(MigrationPorts ports) {
        super("MigrateRollback", MigrationState.class, ports.core());
        Ports core = ports.core();
        this.rollback = new MigrateRollback(new RouteApplications(core.appMap(), core.runs(), core.clock()),
                new ThawApplications(core.appMap(), core.runs(), core.clock()), ports.target(),
                new RestoreHeldBack(ports.target(), core.runs()), new RunRollback(core.runs()),
                ports.targetParameterGroup());
    }

    @Override
    protected RolledBack rollBack(MigrationState state) {
        return rollback.rollBack(state);
    }
}
