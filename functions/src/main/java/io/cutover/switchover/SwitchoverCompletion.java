package io.cutover.switchover;

import io.cutover.run.RunStatus;
import io.cutover.run.RunStore;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends a successful switchover: status SUCCEEDED, lock released; the output says what is where now. */
public final class SwitchoverCompletion {
    private final RunStore runs;

    public SwitchoverCompletion(RunStore runs) {
        this.runs = runs;
    }

    public Map<String, Object> complete(SwitchoverState state) {
        runs.finish(state.runId(), RunStatus.SUCCEEDED, null);
        runs.releaseLock(state.input().lockId(), state.runId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "SUCCEEDED");
        result.put("direction", state.input().direction().name());
        result.put("activeSite", state.input().toSite().name());
        result.put("forwardTask", state.input().forwardTaskIdentifier());
        result.put("backwardTask", state.input().backwardTaskIdentifier());
        result.put("backwardTaskCreated", state.backward() != null && state.backward().created());
        result.put("forwardLatencySeconds", state.latency() == null ? null : state.latency().seconds());
        result.put("drainSeconds", state.drain() == null ? null : state.drain().seconds());
        result.put("sequencesAdvanced", state.sequences() == null ? 0 : state.sequences().advanced());
        result.put("freezeWindowSeconds", state.thaw() == null ? null : state.thaw().freezeWindowSeconds());
        result.put("backwardFlowSeconds", state.verify() == null ? null : state.verify().seconds());
        return result;
    }
}
