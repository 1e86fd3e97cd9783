package io.cutover.handler.promote;

import io.cutover.handler.AcquireLockStepHandler;
import io.cutover.handler.AwsPorts;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Takes the one-run-per-source lock and creates the run item. A second run on the source is refused. */
public final class AcquireLockHandler extends AcquireLockStepHandler<RunState> {

    public AcquireLockHandler() {
        this(AwsPorts.instance());
    }

    public AcquireLockHandler(Ports ports) {
        super("AcquireLock", RunState.class, ports);
    }
}
