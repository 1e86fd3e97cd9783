package io.cutover.runbook;

import java.time.Instant;
import java.util.List;

/** Section {@code freeze}: the applications this run holds FROZEN (none when the runbook skips the freeze). */
public record Freeze(List<String> frozen, boolean skipped, Instant at) {
}
