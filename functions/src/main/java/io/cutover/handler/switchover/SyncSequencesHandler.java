package io.cutover.handler.switchover;

import io.cutover.handler.SwitchoverStepHandler;
import io.cutover.handler.AwsSwitchoverPorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.switchover.SyncSequences;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;

/** Sets each sequence on the to-site past the from-site's value plus the buffer (DMS does not carry sequences). */
public final class SyncSequencesHandler extends SwitchoverStepHandler {
    private final SyncSequences sync;

    public SyncSequencesHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SyncSequencesHandler(SwitchoverPorts ports) {
        super("SyncSequences", "sequences", ports);
        this.sync = new SyncSequences(ports.sites(), ports.core().runs());
    }

    @Override
    protected Object apply(SwitchoverState state, ObjectNode raw) {
        return sync.sync(state);
    }
}
