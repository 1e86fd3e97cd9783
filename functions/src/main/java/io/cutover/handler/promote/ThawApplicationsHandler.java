package io.cutover.handler.promote;

import io.cutover.handler.StepHandler;
import io.cutover.handler.AwsPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.runbook.FreezeApplications;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Step 10: appmap entries back to OPEN, still on the source site. Reports the freeze window. */
public final class ThawApplicationsHandler extends StepHandler {
    private final FreezeApplications freeze;

    public ThawApplicationsHandler() {
        this(AwsPorts.instance());
    }

    public ThawApplicationsHandler(Ports ports) {
        super("ThawApplications", "thaw", ports);
        this.freeze = new FreezeApplications(ports.appMap());
    }

    public record Thaw(List<String> thawed, Instant at, double freezeWindowSeconds) {
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        List<String> thawed = freeze.thaw(state.runId(), state.input().applications());
        Instant now = ports.clock().instant();
        double window = state.freeze() == null || state.freeze().skipped() ? 0
                : Duration.between(state.freeze().at(), now).toMillis() / 1000.0;
        return new Thaw(thawed, now, window);
    }
}
