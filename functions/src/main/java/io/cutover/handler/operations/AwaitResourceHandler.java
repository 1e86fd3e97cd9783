package io.cutover.handler.operations;

import io.cutover.failure.StepFailed;
import io.cutover.handler.AwsPorts;
import io.cutover.handler.StepHandler;
import io.cutover.run.StepEvent;
import io.cutover.run.Waiter;
import io.cutover.runbook.Ports;
import io.cutover.runbook.RunScoped;
import io.cutover.waiting.ResourceWaits;
import io.cutover.waiting.WaitOutcome;

/**
 * The Lambda of a .waitForTaskToken state, in any runbook: stores the task token under the
 * resource it waits for, then decides at once (the resource may already be there). RDS/DMS
 * events, through ResourceEventHandler, decide again later. Its return value is not the state's
 * result (the token's completion is); it is recorded as the state's WAITING history line.
 */
public final class AwaitResourceHandler extends StepHandler<AwaitResourceHandler.Request> {
    private final ResourceWaits waits;
    private final Ports ports;

    /**
     * Payload: {@code {"taskToken.$": "$$.Task.Token", "kind": ..., "runId.$": "$.runId",
     * "resourceId.$": <the instance id or task ARN>, "step.$": "$$.State.Name"}}.
     */
    public record Request(String taskToken, Waiter.WaitKind kind, String runId, String resourceId, String step)
            implements RunScoped {
    }

    /** @param decidedAtOnce the resource was already there (or gone): the token is completed */
    public record Registered(String resourceId, boolean decidedAtOnce, String detail) {
    }

    public AwaitResourceHandler() {
        this(AwsPorts.instance());
    }

    public AwaitResourceHandler(Ports ports) {
        super("AwaitResource", null, Request.class, ports);
        this.ports = ports;
        this.waits = new ResourceWaits(ports.instances(), ports.replication(), ports.runs(), ports.callbacks(),
                ports.clock());
    }

    @Override
    protected String step(Request request) {
        return request.step() == null ? "AwaitResource" : request.step();
    }

    @Override
    protected boolean recordsStart() {
        return false;
    }

    @Override
    protected StepEvent.Outcome outcomeOnSuccess() {
        return StepEvent.Outcome.WAITING;
    }

    @Override
    protected Object apply(Request request) {
        if (request.taskToken() == null || request.taskToken().isBlank()) {
            throw new StepFailed("AwaitResource: no taskToken in the payload");
        }
        if (request.kind() == null || request.resourceId() == null || request.resourceId().isBlank()) {
            throw new StepFailed("AwaitResource: the payload names no kind or resourceId");
        }
        WaitOutcome outcome = waits.register(new Waiter(request.resourceId(), request.kind(), request.runId(),
                request.taskToken(), ports.clock().instant()));
        return new Registered(request.resourceId(), outcome.state() != WaitOutcome.State.PENDING, outcome.detail());
    }

    @Override
    protected Object output(Request request, Object registered) {
        return registered;
    }
}
