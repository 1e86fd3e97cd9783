package io.cutover.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The promote-replica record built from a valid input. Bad inputs: {@link InputSchemaAgreementTest}. */
class StartInputParserTest {

    @Test
    void samplePostgresInputIsValid() {
        PromoteReplicaInput in = StartInputParser.parse(SampleEvents.load("start-postgres.json"));
        assertEquals(Engine.POSTGRES, in.engine());
        assertEquals("orders-prod", in.source().instanceId());
        assertEquals("orders-prod-replica", in.replica().instanceId());
        assertEquals("arn:aws:iam::123456789012:role/cutover-dms-secrets-access", in.dms().secretsAccessRoleArn());
        assertEquals(List.of("orders-api", "billing-worker"), in.applications());
        assertEquals(30, in.limits().maxLagSeconds());
        assertEquals(1800, in.limits().taskStartTimeoutSeconds());
        assertEquals("test_decoding", in.dms().postgresPlugin());
        assertTrue(in.freezeApplications());
    }

    @Test
    void sampleOracleInputIsValidAndGetsDefaults() {
        PromoteReplicaInput in = StartInputParser.parse(SampleEvents.load("start-oracle.json"));
        assertEquals(Engine.ORACLE, in.engine());
        assertEquals(60, in.limits().maxLagSeconds());
        assertEquals(900, in.limits().eventWaitSeconds(), "default");
        assertEquals("LEDGER", in.dms().tableMappings().path("rules").get(0).path("object-locator").path("schema-name").asText());
    }

    @Test
    void noFreezeIsAcceptedForPostgres() {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        input.put("freezeApplications", false);
        assertFalse(StartInputParser.parse(input).freezeApplications());
    }

    @Test
    void everyProblemIsReportedAtOnceInPathOrder() {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        input.put("engine", "db2");
        ((ObjectNode) input.get("source")).remove("secretArn");
        ((ObjectNode) input.get("limits")).put("maxLagSeconds", -1);
        ((ObjectNode) input.get("replica")).put("instanceId", "orders-prod");
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(input));
        assertEquals(List.of(
                "engine: unknown engine 'db2' (expected postgres or oracle)",
                "limits.maxLagSeconds: -1 is outside 0..3600",
                "replica.instanceId: is the same instance as source.instanceId ('orders-prod')",
                "source.secretArn: missing"), e.problems());
    }

    @Test
    void nonObjectInputIsRefused() {
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> StartInputParser.parse(Json.mapper().getNodeFactory().textNode("x")));
        assertEquals(List.of("input: must be a JSON object"), e.problems());
        assertEquals(List.of("input: must be a JSON object"),
                assertThrows(InvalidInput.class, () -> StartInputParser.parse(null)).problems());
    }

    @Test
    void defaultsWhenLimitsAbsent() {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        input.remove("limits");
        Limits l = StartInputParser.parse(input).limits();
        assertEquals(30, l.maxLagSeconds());
        assertEquals(15, l.pollIntervalSeconds());
        assertNull(StartInputParser.parse(input).dms().tableMappings());
    }

    /** Issue 10 item 5: PostgreSQL may leave the source endpoint to the run; Oracle must name one. */
    @Test
    void sourceEndpointIsOptionalForPostgresOnly() {
        ObjectNode pg = SampleEvents.load("start-postgres.json");
        ((ObjectNode) pg.get("dms")).remove("sourceEndpointArn");
        assertEquals(null, StartInputParser.parse(pg).dms().sourceEndpointArn());
        ObjectNode ora = SampleEvents.load("start-oracle.json");
        ((ObjectNode) ora.get("dms")).remove("sourceEndpointArn");
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(ora));
        assertTrue(e.getMessage().contains("dms.sourceEndpointArn"), e.getMessage());
    }
}
