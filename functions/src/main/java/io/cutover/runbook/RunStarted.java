package io.cutover.runbook;

import java.time.Instant;

/** Section {@code run}: the lock is this run's and its run item exists since {@code startedAt}. */
public record RunStarted(Instant startedAt) {
}
