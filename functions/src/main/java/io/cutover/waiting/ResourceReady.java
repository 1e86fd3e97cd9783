package io.cutover.waiting;

import java.time.Instant;

/** The output a decider completes a waiting task token with: the waiting state's result. */
public record ResourceReady(String resourceId, String kind, String detail, Instant observedAt) {
}
