package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.AcquireLock;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

import java.util.Map;

/** Takes the one-run-per-source lock and creates the run item. A second run on the source is refused. */
public final class AcquireLockHandler extends StepHandler {
    private final AcquireLock runStart;

    public AcquireLockHandler() {
        this(AwsPorts.instance());
    }

    public AcquireLockHandler(Ports ports) {
        super("AcquireLock", "run", ports);
        this.runStart = new AcquireLock(ports.runs(), ports.clock());
    }

    /** Before the lock is ours there is no run item to write history to (and a refused run must not write one). */
    @Override
    protected boolean recordsStart() {
        return false;
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        return Map.of("startedAt", runStart.start(state).toString());
    }
}
