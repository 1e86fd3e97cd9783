package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import io.cutover.promote.Preflight;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

/** Step 1: source, replica, DMS and appmap are ready for a cutover. */
public final class PreflightHandler extends StepHandler<RunState> {
    /** "key=value" tag the replica must carry (set by the CDK stack from the promotable-tag context). */
    public static final String PROMOTABLE_TAG_ENV = "CUTOVER_PROMOTABLE_TAG";
    private final Preflight preflight;

    public PreflightHandler() {
        this(AwsPorts.instance());
    }

    public PreflightHandler(Ports ports) {
        this(ports, System.getenv(PROMOTABLE_TAG_ENV));
    }

    public PreflightHandler(Ports ports, String promotableTag) {
        super("Preflight", "instances", RunState.class, ports);
        this.preflight = new Preflight(ports.instances(), ports.replication(), ports.probes(), ports.appMap(),
                ports.secrets(), promotableTag);
    }

    @Override
    protected Object apply(RunState state) {
        return preflight.check(state);
    }
}
