package io.cutover.replication;

import java.util.Map;

/**
 * The tags a run puts on every endpoint and task it creates: {@code cutover:managed=true} (the
 * IAM conditions of the steps' roles require it) and {@code cutover:run-id}. The clean-up trusts
 * them, not names, to tell what a run made from what a DBA made.
 */
public final class ManagedTags {
    public static final String MANAGED = "cutover:managed";
    public static final String RUN_ID = "cutover:run-id";

    private ManagedTags() {
    }

    /** The tags of a resource the run creates (no run id: only the managed tag). */
    public static Map<String, String> of(String runId) {
        return runId == null || runId.isBlank() ? Map.of(MANAGED, "true") : Map.of(MANAGED, "true", RUN_ID, runId);
    }

    /** Whether these tags say the run made the resource. */
    public static boolean madeBy(Map<String, String> tags, String runId) {
        return "true".equals(tags.get(MANAGED)) && runId.equals(tags.get(RUN_ID));
    }
}
