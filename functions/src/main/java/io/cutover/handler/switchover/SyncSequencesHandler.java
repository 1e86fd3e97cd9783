package io.cutover.handler.switchover;

import io.cutover.handler.AwsSwitchoverPorts;
import io.cutover.handler.StepHandler;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.switchover.SwitchoverState;
import io.cutover.switchover.SyncSequences;

/** Sets each sequence on the to-site past the from-site's value plus the buffer (DMS does not carry sequences). */
public final class SyncSequencesHandler extends StepHandler<SwitchoverState> {
    private final SyncSequences sync;

    public SyncSequencesHandler() {
        this(AwsSwitchoverPorts.instance());
    }

    public SyncSequencesHandler(SwitchoverPorts ports) {
        super("SyncSequences", "sequences", SwitchoverState.class, ports.core());
        this.sync = new SyncSequences(ports.sites(), ports.core().runs());
    }

    @Override
    protected Object apply(SwitchoverState state) {
        return sync.sync(state);
    }
}
