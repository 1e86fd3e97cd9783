package io.cutover.handler.promote;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.RollbackStepHandler;
import io.cutover.promote.Rollback;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;
import io.cutover.runbook.RolledBack;
import io.cutover.runbook.RunRollback;
import io.cutover.runbook.ThawApplications;

/** Any failure lands here: thaw what this run froze (still on the source), release the lock, record the cause. */
public final class RollbackHandler extends RollbackStepHandler<RunState> {
    private final Rollback rollback;

    public RollbackHandler() {
        this(AwsPorts.instance());
    }

    public RollbackHandler(Ports ports) {
        super("Rollback", RunState.class, ports);
        this.rollback = new Rollback(new ThawApplications(ports.appMap(), ports.runs(), ports.clock()),
                new RunRollback(ports.runs()), ports.probes(), ports.replication());
    }

    @Override
    protected RolledBack rollBack(RunState state) {
        return rollback.rollBack(state);
    }
}
