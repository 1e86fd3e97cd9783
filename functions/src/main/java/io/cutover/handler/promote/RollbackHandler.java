package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.FreezeApplications;
import io.cutover.promote.Rollback;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/**
 * Any failure lands here (Catch, ResultPath $.error): thaw what this run froze, release the lock,
 * record the cause. The Fail state after it ends the execution with that error and cause.
 */
public final class RollbackHandler extends StepHandler {
    private final Rollback rollback;

    public RollbackHandler() {
        this(AwsPorts.instance());
    }

    public RollbackHandler(Ports ports) {
        super("Rollback", "rollback", ports);
        this.rollback = new Rollback(new FreezeApplications(ports.appMap()), ports.runs());
    }

    /** The run's current step must still name the step that failed when the cause is written. */
    @Override
    protected boolean recordsStart() {
        return false;
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return rollback.rollBack(state, raw.get("error"));
    }
}
