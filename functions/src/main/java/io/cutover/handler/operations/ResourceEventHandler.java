package io.cutover.handler.operations;

import io.cutover.handler.AwsPorts;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.events.ResourceEvent;
import io.cutover.json.Json;
import io.cutover.runbook.Ports;
import io.cutover.waiting.ResourceWaits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Target of the EventBridge rules for RDS DB instance events and DMS task state changes. An
 * event only wakes the waiters on the resource it names; Describe decides. Unreadable or
 * unrelated events are logged and dropped (never retried: they can never succeed).
 */
public final class ResourceEventHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceEventHandler.class);
    private final ResourceWaits waits;

    public ResourceEventHandler() {
        this(AwsPorts.instance());
    }

    public ResourceEventHandler(Ports ports) {
        this.waits = new ResourceWaits(ports.instances(), ports.replication(), ports.runs(), ports.callbacks(),
                ports.clock());
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.mapper().readTree(in);
        } catch (IOException e) {
            event = null;
        }
        Optional<ResourceEvent> parsed = ResourceEvent.parse(event);
        int completed = 0;
        MDC.put("step", "ResourceEvent");
        if (context != null && context.getAwsRequestId() != null) MDC.put("requestId", context.getAwsRequestId());
        try {
            if (parsed.isEmpty()) {
                LOG.atInfo().addKeyValue("outcome", "ignored").log("not an RDS instance or DMS task event this product reads");
            } else {
                for (String id : parsed.get().resourceIds()) completed += waits.onResourceEvent(id);
                LOG.atInfo().addKeyValue("outcome", "handled").log("{} {} {}: {} waiter(s) completed",
                        parsed.get().source(), parsed.get().eventId(), parsed.get().resourceIds(), completed);
            }
        } finally {
            MDC.clear();
        }
        Json.mapper().writeValue(out, Json.mapper().createObjectNode().put("completed", completed));
    }
}
