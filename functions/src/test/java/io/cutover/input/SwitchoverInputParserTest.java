package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.failure.InvalidInput;
import io.cutover.instance.Engine;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        raw.remove(java.util.List.of("limits", "sequenceBuffer", "sentinelTable", "heartbeatTable"));
        ((ObjectNode) raw.at("/sites/SITEA")).remove("schema");
        SwitchoverInput in = SwitchoverInputParser.parse(raw);
        assertEquals(1000, in.sequenceBuffer());
        assertEquals("cutover_sentinel", in.sentinelTable());
        assertNull(in.heartbeatTable());
        assertEquals("public", in.fromSite().schema());
        assertEquals(15, in.limits().pollIntervalSeconds());
        assertEquals(300, in.limits().drainWaitSeconds());
    }

    /** Each row: JSON pointer to change, new value (JSON, or REMOVE), text the error must contain. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /runbook                            | "promote-replica"         | runbook: 'promote-replica' is not handled
            /engine                             | "mysql"                   | engine: unknown engine 'mysql'
            /direction                          | REMOVE                    | direction: missing
            /direction                          | "A_TO_C"                  | direction: 'A_TO_C' is not A_TO_B or B_TO_A
            /sites/SITEC                        | {}                        | sites.SITEC: no such site
            /sites/SITEB                        | REMOVE                    | sites.SITEB: missing
            /sites/SITEA/port                   | REMOVE                    | sites.SITEA.port: missing
            /sites/SITEA/port                   | 70000                     | sites.SITEA.port: '70000' is not a port number
            /sites/SITEA/host                   | "bad host"                | sites.SITEA.host: 'bad host' is not a host name
            /sites/SITEB/host                   | "orders-a.abcdefghijkl.eu-west-1.rds.amazonaws.com" | sites.SITEB: is the same database as sites.SITEA
            /sites/SITEA/secretArn              | "arn:aws:s3:::bucket"     | sites.SITEA.secretArn: 'arn:aws:s3:::bucket' is not a Secrets Manager secret ARN
            /sites/SITEA/password               | "hunter2"                 | sites.SITEA.password: credentials must not be in the input
            /sites/SITEA/slotName               | REMOVE                    | sites.SITEA.slotName: missing
            /sites/SITEB/slotName               | "Bad-Slot"                | sites.SITEB.slotName: 'Bad-Slot' is not a PostgreSQL slot name
            /sites/SITEB/schema                 | "drop table;"             | sites.SITEB.schema: 'drop table;' is not a plain SQL identifier
            /sites/SITEB/targetEndpointArn      | "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSBSOURCE0001" | sites.SITEB.targetEndpointArn: is the same endpoint
            /sites/SITEB/colour                 | "blue"                    | sites.SITEB.colour: unknown field
            /dms/taskIdentifiers/B_TO_A         | REMOVE                    | dms.taskIdentifiers.B_TO_A: missing
            /dms/taskIdentifiers/B_TO_A         | "orders-a-to-b"           | dms.taskIdentifiers.B_TO_A: is the same task as A_TO_B
            /dms/taskIdentifiers/A_TO_B         | "1-bad--id"               | dms.taskIdentifiers.A_TO_B: '1-bad--id' is not a DMS task identifier
            /dms/taskSettings                   | {"TargetMetadata": {"BatchApplyEnabled": true}} | dms.taskSettings.TargetMetadata.BatchApplyEnabled: must be false
            /dms/taskSettings                   | {"ChangeProcessingTuning": {"BatchApplyEnabled": false}} | dms.taskSettings.ChangeProcessingTuning.BatchApplyEnabled: DMS reads BatchApplyEnabled in TargetMetadata
            /dms/taskSettings                   | {"LoopbackPreventionSettings": {}} | LoopbackPreventionSettings: set by the run
            /dms/postgresPlugin                 | "wal2json"                | dms.postgresPlugin: 'wal2json' is not one of
            /applications                       | ["a", "a"]                | applications[1]: 'a' is listed twice
            /sequenceBuffer                     | -1                        | sequenceBuffer: '-1' must be a whole number
            /heartbeatTable                     | "heart beat"              | heartbeatTable: 'heart beat' is not a plain SQL identifier
            /limits/maxLatencySeconds           | 120                       | limits.maxLatencySeconds: 120 is outside 1..60 seconds
            /limits/drainWaitSeconds            | 0                         | limits.drainWaitSeconds: 0 is outside
            /limits/verifyWaitSecs              | 5                         | limits.verifyWaitSecs: unknown field
            /colour                             | "blue"                    | colour: unknown field
            """)
    void badFieldIsNamed(String pointer, String value, String expected) {
        ObjectNode input = SampleEvents.load("start-switchover.json");
        mutate(input, pointer, value);
        InvalidInput e = assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(input));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void oracleNeedsSchemasAndTakesNoSlots() {
        ObjectNode input = SampleEvents.load("start-switchover.json");
        input.put("engine", "oracle");
        ((ObjectNode) input.get("dms")).remove("postgresPlugin");
        ((ObjectNode) input.at("/sites/SITEA")).remove("schema");
        InvalidInput e = assertThrows(InvalidInput.class, () -> SwitchoverInputParser.parse(input));
        assertTrue(e.getMessage().contains("sites.SITEA.schema: missing (the Oracle schema"), e.getMessage());
        assertTrue(e.getMessage().contains("sites.SITEA.slotName: only for postgres"), e.getMessage());
        assertEquals(3, e.problems().size(), e.getMessage());
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

    private static void mutate(ObjectNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parentNode = pointer.substring(0, slash).isEmpty() ? root : root.at(pointer.substring(0, slash));
        if (!(parentNode instanceof ObjectNode parent)) throw new IllegalArgumentException(pointer);
        String field = pointer.substring(slash + 1);
        if (value.equals("REMOVE")) {
            parent.remove(field);
        } else {
            try {
                parent.set(field, Json.mapper().readTree(value));
            } catch (Exception e) {
                throw new IllegalArgumentException(value, e);
            }
        }
    }
}
