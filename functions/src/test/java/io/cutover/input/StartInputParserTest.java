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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartInputParserTest {

    @Test
    void samplePostgresInputIsValid() {
        PromoteReplicaInput in = StartInputParser.parse(SampleEvents.load("start-postgres.json"));
        assertEquals(Engine.POSTGRES, in.engine());
        assertEquals("orders-prod", in.source().instanceId());
        assertEquals("orders-prod-replica", in.replica().instanceId());
        assertEquals(30, in.limits().maxLagSeconds());
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

    /** Each row: JSON pointer to change, new value (JSON, or REMOVE), text the error must contain. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /engine                          | REMOVE                      | engine: missing
            /engine                          | "mysql"                     | engine: unknown engine 'mysql'
            /engine                          | 5                           | engine: must be a string
            /source                          | REMOVE                      | source: missing
            /source/instanceId               | REMOVE                      | source.instanceId: missing
            /source/instanceId               | "1bad"                      | source.instanceId: '1bad' is not a valid RDS DB instance identifier
            /source/instanceId               | "double--hyphen"            | source.instanceId
            /replica/instanceId              | "orders-prod"               | replica.instanceId: is the same instance as source.instanceId
            /replica/instanceId              | "ORDERS-PROD"               | replica.instanceId: is the same instance
            /source/secretArn                | "arn:aws:s3:::bucket"       | source.secretArn: 'arn:aws:s3:::bucket' is not a Secrets Manager secret ARN
            /replica/secretArn               | ""                          | replica.secretArn: must be a non-empty string
            /replica/database                | REMOVE                      | replica.database: missing
            /source/password                 | "hunter2"                   | source.password: credentials must not be in the input
            /replica/backupRetentionPeriod   | 36                          | replica.backupRetentionPeriod: '36' must be a whole number of days in 0..35
            /source/backupRetentionPeriod    | 7                           | source.backupRetentionPeriod: only for the replica
            /dms/replicationInstanceArn      | "arn:aws:dms:eu-west-1:123456789012:endpoint:X" | dms.replicationInstanceArn
            /dms/sourceEndpointArn           | "not-an-arn"                | dms.sourceEndpointArn: 'not-an-arn' is not a DMS endpoint ARN
            /dms/secretsAccessRoleArn        | REMOVE                      | dms.secretsAccessRoleArn: missing
            /dms/postgresPlugin              | "wal2json"                  | dms.postgresPlugin: 'wal2json'
            /dms/secretsManagerEndpointOverride | "secretsmanager.eu-west-1.amazonaws.com" | dms.secretsManagerEndpointOverride: 'secretsmanager.eu-west-1.amazonaws.com' is not the DNS name of a Secrets Manager VPC endpoint
            /dms/tableMappings               | {"rules": []}               | dms.tableMappings
            /dms/taskSettings                | {"ChangeProcessingTuning": {"BatchApplyEnabled": true}} | dms.taskSettings.ChangeProcessingTuning.BatchApplyEnabled: DMS reads BatchApplyEnabled in TargetMetadata
            /dms/taskSettings                | {"TargetMetadata": {"BatchSize": 5}} | dms.taskSettings.TargetMetadata.BatchSize: not a DMS task setting
            /applications                    | []                          | applications: must be a non-empty array
            /applications                    | ["a", "a"]                  | applications[1]: 'a' is listed twice
            /applications                    | REMOVE                      | applications: missing
            /limits/maxLagSeconds            | -5                          | limits.maxLagSeconds: -5 is outside 0..3600
            /limits/maxLagSeconds            | 99999999                    | limits.maxLagSeconds: 99999999 is outside
            /limits/pollIntervalSeconds      | 0                           | limits.pollIntervalSeconds: 0 is outside 1..3600
            /limits/promotionTimeoutSeconds  | 1.5                         | limits.promotionTimeoutSeconds: must be a whole number
            /limits/lagWaitSeconds           | "10"                        | limits.lagWaitSeconds: must be a whole number
            /limits                          | 7                           | limits: must be an object
            /freezeApplications              | "no"                        | freezeApplications: must be true or false
            /runbook                         | "switchover"                | runbook: 'switchover' is not handled
            /colour                          | "blue"                      | colour: unknown field
            """)
    void badFieldIsNamed(String pointer, String value, String expected) {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        mutate(input, pointer, value);
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(input));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void noFreezeIsRefusedForOracle() {
        ObjectNode input = SampleEvents.load("start-oracle.json");
        input.put("freezeApplications", false);
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(input));
        assertTrue(e.getMessage().contains("freezeApplications: false is only safe for postgres"), e.getMessage());
    }

    @Test
    void noFreezeIsAcceptedForPostgres() {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        input.put("freezeApplications", false);
        assertFalse(StartInputParser.parse(input).freezeApplications());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ObjectNode input = SampleEvents.load("start-postgres.json");
        input.put("engine", "db2");
        ((ObjectNode) input.get("source")).remove("secretArn");
        ((ObjectNode) input.get("limits")).put("maxLagSeconds", -1);
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(input));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void nonObjectInputIsRefused() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.parse(Json.mapper().getNodeFactory().textNode("x")));
        assertTrue(e.getMessage().contains("input: must be a JSON object"));
        assertThrows(InvalidInput.class, () -> StartInputParser.parse(null));
    }

    @Test
    void runIdIsTheExecutionName() {
        assertEquals("cutover-2026-11-22_a", StartInputParser.runId("cutover-2026-11-22_a"));
        InvalidInput e = assertThrows(InvalidInput.class, () -> StartInputParser.runId("has space"));
        assertTrue(e.getMessage().contains("execution name"));
        assertThrows(InvalidInput.class, () -> StartInputParser.runId("x".repeat(81)));
        assertThrows(InvalidInput.class, () -> StartInputParser.runId(null));
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
