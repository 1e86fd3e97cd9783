package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handler.AwsStatusPorts;
import io.cutover.json.Json;
import io.cutover.status.StatusCollector;
import io.cutover.status.StatusRequest;

/** Collects in this process against AWS, with the caller's credentials (the status Lambda's wiring). */
final class AwsReportSource implements ReportSource {
    private final StatusCollector collector;

    AwsReportSource(String runsTable, String appMapTable) {
        this.collector = new StatusCollector(AwsStatusPorts.create(runsTable, appMapTable));
    }

    @Override
    public JsonNode report(ObjectNode statusInput) {
        return Json.mapper().valueToTree(collector.collect(StatusRequest.fromJson(statusInput)));
    }
}
