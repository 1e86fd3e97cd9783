package io.cutover.replication;

import java.time.Duration;
import java.time.Instant;

/**
 * DMS's CDC latency of a task: how far its reading lags the source's commits (CDCLatencySource)
 * and how far its applying lags them (CDCLatencyTarget, which includes the source's).
 *
 * @param at the datapoint's time
 */
public record CdcLatency(Duration source, Duration target, Instant at) {

    /** The larger of the two: what a cutover waits for. */
    public Duration worst() {
        return source.compareTo(target) >= 0 ? source : target;
    }
}
