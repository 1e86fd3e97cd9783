package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.nio.file.Path;

/** A report saved earlier, e.g. the output of {@code aws lambda invoke} on the status function. */
final class SavedReportSource implements ReportSource {
    private final Path file;

    SavedReportSource(Path file) {
        this.file = file;
    }

    @Override
    public JsonNode report(ObjectNode statusInput) throws Exception {
        JsonNode report = Json.mapper().readTree(file.toFile());
        if (report == null || !report.has("sections")) {
            throw new IllegalArgumentException(file + " is not a status report (no \"sections\")");
        }
        return report;
    }
}
