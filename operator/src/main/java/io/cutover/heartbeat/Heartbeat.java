package io.cutover.heartbeat;

import java.time.Instant;

/** One heartbeat row as written or read. */
public record Heartbeat(long id, long beat, Instant writtenAt, String site, String app) {
    @Override
    public String toString() {
        return String.format("id %d  beat %d  %s  on %s  by %s", id, beat, writtenAt, site, app);
    }
}
