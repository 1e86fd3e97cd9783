package io.cutover.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatusRequestTest {

    @Test
    void plainStatusInput() throws IOException {
        StatusRequest r = StatusRequest.fromJson(Json.mapper().readTree("""
                {"sourceId": "orders-prod", "replicaId": "orders-prod-replica", "runId": "run-42",
                 "applications": ["orders-api"], "taskArns": ["arn:task"], "endpointArns": ["arn:endpoint"]}"""));
        assertEquals("orders-prod", r.sourceId());
        assertEquals("orders-prod-replica", r.replicaId());
        assertEquals("run-42", r.runId());
        assertEquals(List.of("orders-api"), r.applications());
        assertEquals(List.of("arn:task"), r.taskArns());
        assertEquals(List.of("arn:endpoint"), r.endpointArns());
        assertNull(r.source());
    }

    /** The file a run was started with names the instances, databases, secrets and the DMS source endpoint. */
    @Test
    void aRunsStartInputWorksAsStatusInput() throws IOException {
        JsonNode start;
        try (InputStream in = getClass().getResourceAsStream("/events/start-postgres.json")) {
            start = Json.mapper().readTree(in);
        }
        StatusRequest r = StatusRequest.fromJson(start);
        assertEquals("orders-prod", r.sourceId());
        assertEquals("orders-prod-replica", r.replicaId());
        assertEquals(new StatusRequest.DatabaseHint("orders",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/orders-prod-admin-Ab12Cd"), r.source());
        assertEquals("orders", r.replica().database());
        assertEquals(List.of("arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSPRODSOURCE01"), r.endpointArns());
        assertEquals(List.of("orders-api", "billing-worker"), r.applications());
    }

    @Test
    void aSourceOrARunIsNeeded() throws IOException {
        assertEquals("status input needs sourceId (and replicaId) or runId", assertThrows(IllegalArgumentException.class,
                () -> StatusRequest.fromJson(Json.mapper().readTree("{\"replicaId\": \"x\"}"))).getMessage());
        assertEquals("run-1", StatusRequest.fromJson(Json.mapper().readTree("{\"runId\": \"run-1\"}")).runId());
        assertThrows(IllegalArgumentException.class, () -> StatusRequest.fromJson(Json.mapper().readTree("[]")));
    }
}
