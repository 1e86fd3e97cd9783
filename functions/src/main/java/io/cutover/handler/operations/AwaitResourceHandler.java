package io.cutover.handler.operations;

import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepLog;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.StepFailed;
import io.cutover.json.Json;
import io.cutover.promote.RunState;
import io.cutover.run.StepEvent;
import io.cutover.run.Waiter;
import io.cutover.runbook.Ports;
import io.cutover.waiting.ResourceWaits;
import io.cutover.waiting.WaitOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda of a .waitForTaskToken state: stores the task token under the resource it waits
 * for, then decides once at once (the resource may already be there). RDS/DMS events, through
 * ResourceEventHandler, decide again later. Payload: {"taskToken", "kind", "state": $}.
 */
public final class AwaitResourceHandler implements RequestStreamHandler {
    private final Ports ports;
    private final ResourceWaits waits;

    public AwaitResourceHandler() {
        this(AwsPorts.instance());
    }

    public AwaitResourceHandler(Ports ports) {
        this.ports = ports;
        this.waits = new ResourceWaits(ports.instances(), ports.replication(), ports.runs(), ports.callbacks(),
                ports.clock());
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode payload = Json.mapper().readTree(in);
        String token = payload.path("taskToken").asText(null);
        if (token == null || token.isBlank()) throw new StepFailed("AwaitResource: no taskToken in the payload");
        Waiter.WaitKind kind = Waiter.WaitKind.valueOf(payload.path("kind").asText());
        RunState state = Json.mapper().treeToValue(payload.get("state"), RunState.class);
        String resourceId = switch (kind) {
            case PROMOTION_COMPLETE -> state.input().replica().instanceId();
            case TASK_RUNNING -> state.task().taskArn();
        };
        WaitOutcome outcome = waits.register(new Waiter(resourceId, kind, state.runId(), token, ports.clock().instant()));
        String step = kind == Waiter.WaitKind.PROMOTION_COMPLETE ? "WaitForPromotion" : "WaitForCdcTaskRunning";
        try {
            ports.runs().recordStep(state.runId(), new StepEvent(step, StepEvent.Outcome.WAITING,
                    ports.clock().instant(), outcome.detail()));
        } catch (RuntimeException e) {
            StepLog.info(state.runId(), step, "could not record history", e.getMessage());
        }
        StepLog.info(state.runId(), step, "waiting", outcome.detail());
        ObjectNode result = Json.mapper().createObjectNode()
                .put("resourceId", resourceId)
                .put("decidedAtOnce", outcome.state() != WaitOutcome.State.PENDING);
        Json.mapper().writeValue(out, result);
    }
}
