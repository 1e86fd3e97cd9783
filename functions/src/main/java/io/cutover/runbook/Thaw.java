package io.cutover.runbook;

import java.time.Instant;
import java.util.List;

/** Section {@code thaw}: the applications opened again and how long they were held. */
public record Thaw(List<String> thawed, Instant at, double freezeWindowSeconds) {
}
