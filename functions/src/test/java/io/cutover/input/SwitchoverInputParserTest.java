package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The switchover record built from a valid input. Bad inputs: {@link InputSchemaAgreementTest}. */
class SwitchoverInputParserTest {

    @Test
    void sampleInputIsValid() {
        SwitchoverInput in = SwitchoverInputParser.parse(SampleEvents.load("start-switchover.json"));
        assertEquals(Engine.POSTGRES, in.engine());
        assertEquals(Direction.A_TO_B, in.direction());
        assertEquals("SITEA", in.fromSite().name());
        assertEquals("SITEB", in.toSite().name());
        assertEquals("orders-a-to-b", in.forwardTaskIdentifier());
        assertEquals("orders-b-to-a", in.backwardTaskIdentifier());
        assertEquals(10_000, in.sequenceBuffer());
        assertEquals("heartbeat", in.heartbeatTable());
        assertEquals("cutover_orders_b", in.toSite().slotName());
        assertEquals(5432, in.toSite().port());
        assertEquals(30, in.limits().maxLatencySeconds());
    }

    @Test
    void failbackIsTheSameInputWithTheDirectionReversed() {
        ObjectNode raw = SampleEvents.load("start-switchover.json");
        raw.put("direction", "B_TO_A");
        SwitchoverInput in = SwitchoverInputParser.parse(raw);
        assertEquals("SITEB", in.fromSite().name());
        assertEquals("SITEA", in.toSite().name());
        assertEquals("orders-b-to-a", in.forwardTaskIdentifier());
        assertEquals("orders-a-to-b", in.backwardTaskIdentifier());
        assertEquals(SwitchoverInputParser.parse(SampleEvents.load("start-switchover.json")).lockId(), in.lockId(),
                "switchover and failback of a pair share one lock");
    }

    @Test
    void defaultsWhenOptionalFieldsAreAbsent() {
        ObjectNode raw = SampleEvents.load("start-switchover.json");
        raw.remove(List.of("limits", "sequenceBuffer", "sentinelTable", "heartbeatTable"));
        ((ObjectNode) raw.at("/sites/SITEA")).remove("schema");
        SwitchoverInput in = SwitchoverInputParser.parse(raw);
        assertEquals(1000, in.sequenceBuffer());
        assertEquals("cutover_sentinel", in.sentinelTable());
        assertNull(in.heartbeatTable());
        assertEquals("public", in.fromSite().schema());
        assertEquals(15, in.limits().pollIntervalSeconds());
        assertEquals(300, in.limits().drainWaitSeconds());
    }

    @Test
    void oracleNeedsSchemasAndTakesNoSlotsNorPlugin() {
        ObjectNode input = SampleEvents.load("start-switchover.json");
        input.put("engine", "oracle");
        ((ObjectNode) input.at("/sites/SITEA")).remove("schema");
        InvalidInput e = assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(input));
        assertEquals(List.of(
                "dms.postgresPlugin: only for postgres",
                "sites.SITEA.schema: missing (the Oracle schema of the tables)",
                "sites.SITEA.slotName: only for postgres",
                "sites.SITEB.slotName: only for postgres"), e.problems());
        ((ObjectNode) input.get("dms")).remove("postgresPlugin");
        ((ObjectNode) input.at("/sites/SITEA")).put("schema", "LEDGER").remove("slotName");
        ((ObjectNode) input.at("/sites/SITEB")).remove("slotName");
        SwitchoverInput oracle = SwitchoverInputParser.parse(input);
        assertNull(oracle.dms().postgresPlugin());
        assertNull(oracle.fromSite().slotName());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ObjectNode input = SampleEvents.load("start-switchover.json");
        input.put("direction", "sideways");
        ((ObjectNode) input.at("/sites/SITEB")).remove("secretArn");
        ((ObjectNode) input.get("limits")).put("pollIntervalSeconds", 0);
        InvalidInput e = assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(input));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void nonObjectInputIsRefused() {
        assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(Json.mapper().getNodeFactory().textNode("x")));
        assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(null));
    }

    @Test
    void validatedInputSurvivesTheExecutionStateRoundTrip() throws Exception {
        SwitchoverInput in = SwitchoverInputParser.parse(SampleEvents.load("start-switchover.json"));
        JsonNode tree = Json.mapper().valueToTree(in);
        assertEquals(in, Json.mapper().treeToValue(tree, SwitchoverInput.class));
    }
}
