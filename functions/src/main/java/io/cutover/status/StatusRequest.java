package io.cutover.status;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What to show: a source/replica pair and, optionally, its run, applications and DMS resources.
 * Database names and secret ARNs are optional: without them the collector takes them from an
 * appmap site that points at the instance (sites hold the database and the secret ARN).
 *
 * @param runId        null: the run holding the source's lock, if any
 * @param endpointArns DMS endpoints to show besides those of the run and its tasks
 * @param taskArns     DMS tasks to show besides the run's CDC task
 */
public record StatusRequest(
        String sourceId,
        String replicaId,
        String runId,
        List<String> applications,
        DatabaseHint source,
        DatabaseHint replica,
        List<String> endpointArns,
        List<String> taskArns) {

    /** Database name and credentials' secret ARN of one instance, when the caller knows them. */
    public record DatabaseHint(String database, String secretArn) {
        public boolean complete() {
            return database != null && !database.isBlank() && secretArn != null && !secretArn.isBlank();
        }
    }

    public StatusRequest {
        applications = applications == null ? List.of() : List.copyOf(applications);
        endpointArns = endpointArns == null ? List.of() : List.copyOf(endpointArns);
        taskArns = taskArns == null ? List.of() : List.copyOf(taskArns);
    }

    public static StatusRequest of(String sourceId, String replicaId, String runId, List<String> applications) {
        return new StatusRequest(sourceId, replicaId, runId, applications, null, null, List.of(), List.of());
    }

    /** The same request for another pair (the run item names the pair when the caller gave only the run). */
    public StatusRequest withPair(String source, String replica) {
        return new StatusRequest(source, replica, runId, applications, this.source, this.replica, endpointArns, taskArns);
    }

    /**
     * Reads {@code {sourceId, replicaId, runId?, applications?, endpointArns?, taskArns?}}; a run's
     * start input works too ({@code source.instanceId}, {@code source.database},
     * {@code source.secretArn}, {@code dms.sourceEndpointArn}), so an operator can pass the file a
     * run was started with.
     *
     * @throws IllegalArgumentException when neither a source nor a run is named
     */
    public static StatusRequest fromJson(JsonNode in) {
        if (in == null || !in.isObject()) throw new IllegalArgumentException("status input must be a JSON object");
        String sourceId = text(in, "sourceId", text(in.path("source"), "instanceId", null));
        String replicaId = text(in, "replicaId", text(in.path("replica"), "instanceId", null));
        String runId = text(in, "runId", null);
        if (sourceId == null && runId == null) {
            throw new IllegalArgumentException("status input needs sourceId (and replicaId) or runId");
        }
        LinkedHashSet<String> endpoints = new LinkedHashSet<>(texts(in.path("endpointArns")));
        String sourceEndpoint = text(in.path("dms"), "sourceEndpointArn", null);
        if (sourceEndpoint != null) endpoints.add(sourceEndpoint);
        return new StatusRequest(sourceId, replicaId, runId, texts(in.path("applications")),
                hint(in.path("source")), hint(in.path("replica")), List.copyOf(endpoints), texts(in.path("taskArns")));
    }

    private static DatabaseHint hint(JsonNode node) {
        if (!node.isObject()) return null;
        String database = text(node, "database", null);
        String secret = text(node, "secretArn", null);
        return database == null && secret == null ? null : new DatabaseHint(database, secret);
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : otherwise;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) array.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) out.add(v.asText().strip());
        });
        return out;
    }
}
