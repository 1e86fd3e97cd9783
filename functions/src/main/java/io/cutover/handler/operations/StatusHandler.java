package io.cutover.handler.operations;

import io.cutover.handler.AwsStatusPorts;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import io.cutover.status.StatusCollector;
import io.cutover.status.StatusPorts;
import io.cutover.status.StatusReport;
import io.cutover.status.StatusRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The status Lambda: input {@code {sourceId, replicaId, runId?, applications?}} (or a run's start
 * input), output the whole {@link StatusReport} as JSON. Read-only: it changes nothing, records
 * nothing, so operators may invoke it at any time and a run may record its output. Sections that
 * cannot be read carry their error; the invocation itself fails only on unreadable input.
 */
public final class StatusHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);
    private final StatusCollector collector;

    public StatusHandler() {
        this(AwsStatusPorts.instance());
    }

    public StatusHandler(StatusPorts ports) {
        this.collector = new StatusCollector(ports);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        JsonNode input;
        try {
            input = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("status input is not JSON");
        }
        StatusRequest request = StatusRequest.fromJson(input);
        StatusReport report = collector.collect(request);
        long failed = report.sections().values().stream().filter(StatusReport.Section::failed).count();
        LOG.atInfo().addKeyValue("step", "Status").addKeyValue("runId", report.runId()).addKeyValue("outcome", "collected")
                .log("{} sections, {} unreadable ({} / {})", report.sections().size(), failed, report.sourceId(),
                        report.replicaId());
        Json.mapper().writeValue(out, report);
    }
}
