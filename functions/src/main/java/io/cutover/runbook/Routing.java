package io.cutover.runbook;

import java.time.Instant;
import java.util.List;

/** Section {@code routing}: the applications whose appmap entries now name {@code toSite}. */
public record Routing(List<String> routed, String toSite, Instant at) {
}
