package io.cutover.runbook;

import java.util.Map;

/**
 * What a run is about, for its run item: the runbook, the two sides, the engine, and the
 * resources known from the start (e.g. the direction of a switchover).
 */
public record RunSubject(String runbook, String source, String target, String engine, Map<String, String> resources) {
    public RunSubject {
        resources = Map.copyOf(resources);
    }
}
