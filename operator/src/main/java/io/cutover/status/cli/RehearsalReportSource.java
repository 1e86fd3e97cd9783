package io.cutover.status.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local rehearsal left running ({@code ./rehearse --keep-running}). Its state file says where
 * its local Lambda endpoint listens; the status is collected there by the rehearsal's own Status
 * function, through the Lambda Invoke API - the same call as against AWS. So no database
 * password ever leaves the rehearsal's process, and what is shown is what its local RDS, DMS and
 * Secrets Manager say, not a re-creation of them.
 */
final class RehearsalReportSource implements ReportSource {
    private final Path stateFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    RehearsalReportSource(Path stateFile) {
        this.stateFile = stateFile;
    }

    /** Without a pair named, the rehearsal's (first) pair, its run and its application. */
    @Override
    public ObjectNode complete(ObjectNode input) throws IOException {
        if (input.hasNonNull("sourceId") || input.hasNonNull("runId")) return input;
        JsonNode pair = state().path("pairs").path(0);
        if (pair.isMissingNode()) throw new IllegalStateException(stateFile + " lists no pair: name one with --source/--replica");
        input.put("sourceId", pair.path("sourceId").asText());
        input.put("replicaId", pair.path("replicaId").asText());
        if (pair.hasNonNull("runId")) input.put("runId", pair.path("runId").asText());
        if (pair.hasNonNull("application") && input.path("applications").isEmpty()) {
            input.putArray("applications").add(pair.path("application").asText());
        }
        return input;
    }

    @Override
    public JsonNode report(ObjectNode statusInput) throws IOException, InterruptedException {
        JsonNode state = state();
        String endpoint = state.path("lambdaEndpoint").asText(null);
        String function = state.path("statusFunction").asText("Status");
        if (endpoint == null) throw new IllegalStateException(stateFile + " has no lambdaEndpoint");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/2015-03-31/functions/"
                        + URLEncoder.encode(function, StandardCharsets.UTF_8) + "/invocations"))
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(statusInput.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("the rehearsal of " + stateFile + " is not running any more (nothing listens on "
                    + endpoint + "); start one with ./rehearse --keep-running");
        }
        JsonNode body = response.body().isEmpty() ? null : Json.mapper().readTree(response.body());
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            String message = body == null ? "HTTP " + response.statusCode()
                    : body.path("errorMessage").asText(body.path("Message").asText(body.toString()));
            throw new IllegalStateException("the rehearsal's Status function failed: " + message);
        }
        return body;
    }

    private JsonNode state() throws IOException {
        try {
            return Json.mapper().readTree(Files.readString(stateFile));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no rehearsal state file " + stateFile
                    + ": start a rehearsal that stays up with ./rehearse --keep-running");
        }
    }
}
