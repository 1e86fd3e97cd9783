package io.cutover.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.promote.RunCompletion;
import io.cutover.promote.RunState;
import io.cutover.runbook.Ports;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends a successful run: run item SUCCEEDED, lock released; the output summarises what was made. */
public final class CompleteRunHandler extends StepHandler {
    private final RunCompletion completion;

    public CompleteRunHandler() {
        this(AwsPorts.instance());
    }

    public CompleteRunHandler(Ports ports) {
        super("CompleteRun", "result", ports);
        this.completion = new RunCompletion(ports.runs());
    }

    @Override
    protected Object apply(RunState state, ObjectNode raw) {
        completion.complete(state);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "SUCCEEDED");
        result.put("promotedReplica", state.input().replica().instanceId());
        result.put("promotedBackupRetentionDays", state.promotion() == null ? null : state.promotion().backupRetentionDays());
        result.put("cdcStartPosition", state.position().value());
        result.put("targetEndpointArn", state.target().endpointArn());
        result.put("cdcTaskArn", state.task().taskArn());
        result.put("freezeWindowSeconds", raw.path("thaw").path("freezeWindowSeconds").asDouble(0));
        return result;
    }
}
