package io.cutover.probe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Creating a logical replication slot waits for every transaction open at that moment; these
 * sessions hold one, so the slot was not created (nothing else changed). Retry once they end.
 */
public final class LogicalSlotBlocked extends RuntimeException {
    private final List<BlockingSession> sessions;

    public LogicalSlotBlocked(String slotName, List<BlockingSession> sessions) {
        super("creating logical slot " + slotName + " waits for " + sessions.size() + " open transaction(s): "
                + sessions.stream().map(BlockingSession::describe).collect(Collectors.joining("; ")));
        this.sessions = List.copyOf(sessions);
    }

    public List<BlockingSession> sessions() {
        return sessions;
    }
}
