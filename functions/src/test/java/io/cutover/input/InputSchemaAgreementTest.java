package io.cutover.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.appmap.admin.AppMapFileParser;
import io.cutover.failure.InvalidInput;
import io.cutover.json.Json;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema a DBA's editor reads and the parse the first state runs agree: every sample is
 * accepted by both; every rejected input is rejected by both, naming the same field with the
 * same words - except the rules a JSON Schema cannot state (two values that must differ), which
 * the schema accepts and only the parse refuses.
 */
class InputSchemaAgreementTest {

    /** What the first state runs for each schema: schema, rules, record. */
    static final Map<InputSchema, Function<JsonNode, ?>> PARSE = Map.of(
            InputSchema.PROMOTE_REPLICA, StartInputParser::parse,
            InputSchema.SWITCHOVER, SwitchoverInputParser::parse,
            InputSchema.MIGRATE, MigrateInputParser::parse,
            InputSchema.APPMAP, AppMapFileParser::parse);

    /** The schema a sample file is written against. */
    static InputSchema schemaOf(String sample, JsonNode doc) {
        if (sample.startsWith("appmap")) return InputSchema.APPMAP;
        return switch (doc.path("runbook").asText()) {
            case "promote-replica" -> InputSchema.PROMOTE_REPLICA;
            case "switchover" -> InputSchema.SWITCHOVER;
            case "migrate" -> InputSchema.MIGRATE;
            default -> throw new AssertionError(sample + ": runbook " + doc.path("runbook") + " has no schema here");
        };
    }

    static List<String> inputSamples() throws IOException, URISyntaxException {
        Path events = Path.of(SampleEvents.class.getResource("/events").toURI());
        try (Stream<Path> files = Files.list(events)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("start-") || n.startsWith("appmap")).sorted().toList();
        }
    }

    @Test
    void everySampleInputIsAcceptedByTheSchemaAndTheParse() throws Exception {
        List<String> samples = inputSamples();
        assertTrue(samples.size() >= 4, samples::toString);
        for (String sample : samples) {
            JsonNode doc = SampleEvents.load(sample);
            InputSchema schema = schemaOf(sample, doc);
            assertEquals(List.of(), schema.problems(doc), sample);
            PARSE.get(schema).apply(doc);
        }
    }

    /**
     * Each row: sample, JSON pointer, new value (JSON, or REMOVE), the field named, words of the
     * problem, and who refuses it: "schema" (both) or "rule" (the parse only).
     */
    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            start-postgres.json   | /replica/backupRetentionPeriod | 36                  | replica.backupRetentionPeriod | 36                                          | schema
            start-postgres.json   | /source/backupRetentionPeriod | 7                    | source.backupRetentionPeriod | is not allowed here                          | schema
            start-postgres.json   | /dms/secretsManagerEndpointOverride | "secretsmanager.eu-west-1.amazonaws.com" | dms.secretsManagerEndpointOverride | 'secretsmanager.eu-west-1.amazonaws.com' | schema
            start-postgres.json   | /dms/taskSettings           | {"TargetMetadata": {"BatchSize": 5}} | dms.taskSettings.TargetMetadata.BatchSize | not a DMS task setting | rule
            start-postgres.json   | /engine                     | REMOVE                 | engine                      | missing                                       | schema
            start-postgres.json   | /engine                     | "mysql"                | engine                      | unknown engine 'mysql' (expected postgres or oracle) | schema
            start-postgres.json   | /engine                     | 5                      | engine                      | must be a string                              | schema
            start-postgres.json   | /source                     | REMOVE                 | source                      | missing                                       | schema
            start-postgres.json   | /source                     | "orders-prod"          | source                      | must be a JSON object                         | schema
            start-postgres.json   | /source/instanceId          | REMOVE                 | source.instanceId           | missing                                       | schema
            start-postgres.json   | /source/instanceId          | "1bad"                 | source.instanceId           | '1bad' is not a valid RDS DB instance identifier | schema
            start-postgres.json   | /source/instanceId          | "double--hyphen"       | source.instanceId           | is not a valid RDS DB instance identifier     | schema
            start-postgres.json   | /source/hostname            | "db.example.com"       | source.hostname             | unknown field (expected one of [instanceId, database, secretArn, backupRetentionPeriod]) | schema
            start-postgres.json   | /source/password            | "hunter2"              | source.password             | looks like a credential and is refused        | schema
            start-postgres.json   | /source/secretArn           | "arn:aws:s3:::bucket"  | source.secretArn            | is not a Secrets Manager secret ARN           | schema
            start-postgres.json   | /replica/secretArn          | ""                     | replica.secretArn           | is not a Secrets Manager secret ARN           | schema
            start-postgres.json   | /replica/database           | REMOVE                 | replica.database            | missing                                       | schema
            start-postgres.json   | /replica/database           | "orders;drop"          | replica.database            | 'orders;drop' is not a valid database name    | schema
            start-postgres.json   | /dms/password               | "hunter2"              | dms.password                | looks like a credential and is refused        | schema
            start-postgres.json   | /dms/replicationInstanceArn | "arn:aws:dms:eu-west-1:123456789012:endpoint:X" | dms.replicationInstanceArn | is not a DMS replication instance ARN | schema
            start-postgres.json   | /dms/sourceEndpointArn      | "not-an-arn"           | dms.sourceEndpointArn       | 'not-an-arn' is not a DMS endpoint ARN        | schema
            start-postgres.json   | /dms/sourceEndpointArn      | "arn:aws:dms:mars:123456789012:endpoint:X" | dms.sourceEndpointArn | is not a DMS endpoint ARN  | schema
            start-postgres.json   | /dms/secretsAccessRoleArn   | REMOVE                 | dms.secretsAccessRoleArn    | missing                                       | schema
            start-postgres.json   | /dms/secretsAccessRoleArn   | "arn:aws:iam::123456789012:user/bob" | dms.secretsAccessRoleArn | is not an IAM role ARN         | schema
            start-postgres.json   | /dms/postgresPlugin         | "wal2json"             | dms.postgresPlugin          | 'wal2json' is not one of                      | schema
            start-postgres.json   | /dms/tableMappings          | {"rules": []}          | dms.tableMappings.rules     | must be a non-empty array                     | schema
            start-postgres.json   | /dms/tableMappings          | {"rules": [{"rule-type": "selection"}], "filters": []} | dms.tableMappings.filters | unknown field | schema
            start-postgres.json   | /dms/tableMappings          | {"rules": [{"rule-type": "selection", "password": "x"}]} | dms.tableMappings.rules[0].password | looks like a credential | schema
            start-postgres.json   | /dms/taskSettings           | {"Logging": {"EnableLogging": true, "token": "abc"}} | dms.taskSettings.Logging.token | looks like a credential | schema
            start-postgres.json   | /dms/taskSettings           | {"TargetMetadata": {"TargetSchema": "postgres://dms:hunter2@db/x"}} | dms.taskSettings.TargetMetadata.TargetSchema | looks like it holds a credential | schema
            start-postgres.json   | /dms/taskSettings           | []                     | dms.taskSettings            | must be a JSON object                         | schema
            start-postgres.json   | /comment                    | "password=hunter2"     | comment                     | looks like it holds a credential              | schema
            start-postgres.json   | /applications               | []                     | applications                | must be a non-empty array                     | schema
            start-postgres.json   | /applications               | ["a", "b", "a"]        | applications[2]             | 'a' is listed twice                           | schema
            start-postgres.json   | /applications               | REMOVE                 | applications                | missing                                       | schema
            start-postgres.json   | /applications               | ["ok", "bad name"]     | applications[1]             | 'bad name' is not a valid application name    | schema
            start-postgres.json   | /limits/maxLagSeconds       | -5                     | limits.maxLagSeconds        | -5 is outside 0..3600                         | schema
            start-postgres.json   | /limits/maxLagSeconds       | 99999999               | limits.maxLagSeconds        | 99999999 is outside 0..3600                   | schema
            start-postgres.json   | /limits/pollIntervalSeconds | 0                      | limits.pollIntervalSeconds  | 0 is outside 1..3600                          | schema
            start-postgres.json   | /limits/promotionTimeoutSeconds | 1.5                | limits.promotionTimeoutSeconds | must be a whole number                     | schema
            start-postgres.json   | /limits/lagWaitSeconds      | "10"                   | limits.lagWaitSeconds       | must be a whole number                        | schema
            start-postgres.json   | /limits                     | 7                      | limits                      | must be a JSON object                         | schema
            start-postgres.json   | /limits/maxLagSecs          | 5                      | limits.maxLagSecs           | unknown field                                 | schema
            start-postgres.json   | /freezeApplications         | "no"                   | freezeApplications          | must be true or false                         | schema
            start-postgres.json   | /runbook                    | "switchover"           | runbook                     | 'switchover' is not handled by this state machine | schema
            start-postgres.json   | /colour                     | "blue"                 | colour                      | unknown field                                 | schema
            start-oracle.json     | /freezeApplications         | false                  | freezeApplications          | false is only safe for postgres               | schema
            start-oracle.json     | /dms/postgresPlugin         | "test_decoding"        | dms.postgresPlugin          | only for postgres                             | schema
            start-postgres.json   | /replica/instanceId         | "orders-prod"          | replica.instanceId          | is the same instance as source.instanceId ('orders-prod') | rule
            start-postgres.json   | /replica/instanceId         | "ORDERS-PROD"          | replica.instanceId          | is the same instance as source.instanceId     | rule
            start-migration.json  | /runbook                    | "switchover"           | runbook                     | 'switchover' is not handled by this state machine (expected migrate) | schema
            start-migration.json  | /engine                     | "oracle"               | engine                      | 'oracle' is not supported by the migration yet | schema
            start-migration.json  | /source/kind                | "table"                | source.kind                 | 'table' is not instance or cluster            | schema
            start-migration.json  | /source/id                  | "1bad"                 | source.id                   | is not a valid RDS DB instance identifier     | schema
            start-migration.json  | /source/host                | "db.example.com"       | source.host                 | unknown field                                 | schema
            start-migration.json  | /source/password            | "hunter2"              | source.password             | looks like a credential and is refused        | schema
            start-migration.json  | /source/applyUser           | "dms"                  | source.applyUser            | only for the target                               | schema
            start-migration.json  | /target/applyUser           | REMOVE                 | target.applyUser            | missing                                       | schema
            start-migration.json  | /target/applyUser           | "dms;drop"             | target.applyUser            | is not a plain SQL identifier                 | schema
            start-migration.json  | /target/site                | "B"                    | target.site                 | 'B' is not a site name                        | schema
            start-migration.json  | /dms/taskIdentifier         | REMOVE                 | dms.taskIdentifier          | missing                                       | schema
            start-migration.json  | /dms/tableMappings          | REMOVE                 | dms.tableMappings           | missing                                       | schema
            start-migration.json  | /dms/targetTablePrepMode    | "DROP_AND_CREATE"      | dms.targetTablePrepMode     | is not DO_NOTHING or TRUNCATE_BEFORE_LOAD     | schema
            start-migration.json  | /dms/taskSettings           | {"FullLoadSettings": {"TargetTablePrepMode": "DROP_AND_CREATE"}} | dms.taskSettings.FullLoadSettings.TargetTablePrepMode | set by targetTablePrepMode | schema
            start-migration.json  | /dms/lobMaxSizeKb           | 0                      | dms.lobMaxSizeKb            | 0 is outside 1..102400                        | schema
            start-migration.json  | /sourceEngine               | "mysql"                | sourceEngine                | 'mysql' is not postgres or oracle             | schema
            start-migration-oracle.json | /archivelogRetentionHours | 0                  | archivelogRetentionHours    | 0 is outside 1..8760                          | schema
            start-migration-oracle.json | /sourceEngine         | REMOVE                 | archivelogRetentionHours    | only for an Oracle source                     | schema
            start-migration.json  | /validation/timeZoneRule    | "Europe/Paris; DROP"   | validation.timeZoneRule     | is not a time zone name                       | schema
            start-migration.json  | /validation/timeZoneRule    | "Mars/Olympus"         | validation.timeZoneRule     | is not a time zone the JVM and PostgreSQL know | rule
            start-migration.json  | /sequenceBuffer             | -1                     | sequenceBuffer              | -1 is outside 0..1000000000000                | schema
            start-migration.json  | /afterCutover               | "delete"               | afterCutover                | 'delete' is not one of                        | schema
            start-migration.json  | /replicationRoleRoute       | "cluster"              | replicationRoleRoute        | 'cluster' is not role or parameterGroup       | schema
            start-migration.json  | /replicationRoleRoute       | true                   | replicationRoleRoute        | must be                                       | schema
            start-migration.json  | /limits/parameterApplySeconds | 0                    | limits.parameterApplySeconds | 0 is outside 1..86400                        | schema
            start-migration.json  | /validation/concurrency     | 64                     | validation.concurrency      | 64 is outside 1..32                           | schema
            start-migration.json  | /limits/latencyReads        | 0                      | limits.latencyReads         | 0 is outside 1..20                            | schema
            start-migration.json  | /limits/maxLag              | 5                      | limits.maxLag               | unknown field                                 | schema
            start-migration.json  | /target/id                  | "orders-aurora"        | target.id                   | is the source itself ('orders-aurora')        | rule
            start-migration.json  | /target/endpointArn         | "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1" | target.endpointArn | is the source's endpoint | rule
            start-migration.json  | /target/site                | "SITEA"                | target.site                 | is the source's site 'SITEA'                  | rule
            start-migration.json  | /dms/tableMappings          | {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "x", "object-locator": {"schema-name": "public", "table-name": "t[ab"}, "rule-action": "include"}]} | dms.tableMappings.rules[0].object-locator.table-name | is not closed | rule
            start-migration.json  | /dms/taskSettings           | {"TargetMetadata": {"BatchSize": 5}} | dms.taskSettings.TargetMetadata.BatchSize | not a DMS task setting | rule
            start-migration.json  | /dms/settingsTemplate | "s3" | dms.settingsTemplate | 's3' is not postgres or oracle-to-aurora | schema
            start-migration.json  | /s3Target | {"bucketFolder": "dms/orders", "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3"} | s3Target.bucketName | missing | schema
            start-migration.json  | /s3Target | {"bucketName": "orders-lake", "bucketFolder": "/dms/", "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3"} | s3Target.bucketFolder | must be a folder without leading or trailing | schema
            start-migration.json  | /s3Target | {"bucketName": "orders-lake", "bucketFolder": "dms/orders", "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3", "encryptionMode": "sse-kms"} | s3Target.kmsKeyArn | missing | schema
            start-migration.json  | /s3Target | {"bucketName": "orders-lake", "bucketFolder": "dms/orders", "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3", "password": "hunter2"} | s3Target.password | looks like a credential | schema
            start-migration.json  | /s3Target | {"bucketName": "orders-lake", "bucketFolder": "dms/orders", "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3", "taskSettings": {"TargetMetadata": {"BatchSize": 5}}} | s3Target.taskSettings.TargetMetadata.BatchSize | not a DMS task setting | rule
            start-migration.json  | /s3Target | {"bucketName": "orders-lake", "bucketFolder": "dms/orders", "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/cutover-dms-s3", "taskSettings": {"FullLoadSettings": {"TargetTablePrepMode": "DROP"}}} | s3Target.taskSettings.FullLoadSettings.TargetTablePrepMode | 'DROP' is not one of | rule
            start-migration-two-way-door.json | /twoWayDoor  | REMOVE                 | twoWayDoor                  | missing (afterCutover twoWayDoor              | schema
            start-migration-two-way-door.json | /twoWayDoor/targetSlotName | REMOVE   | twoWayDoor.targetSlotName   | missing                                       | schema
            start-migration-two-way-door.json | /twoWayDoor/targetSourceEndpointArn | "not-an-arn" | twoWayDoor.targetSourceEndpointArn | is not a DMS endpoint ARN | schema
            start-migration-two-way-door.json | /twoWayDoor/password | "hunter2"      | twoWayDoor.password         | looks like a credential                       | schema
            start-migration-two-way-door.json | /afterCutover | "stopTask"            | twoWayDoor                  | only with afterCutover twoWayDoor             | schema
            start-migration-two-way-door.json | /sourceEngine | "oracle"              | sourceEngine                | twoWayDoor needs a PostgreSQL source          | schema
            start-migration-two-way-door.json | /target/site | "SITEC"                | target.site                 | must be SITEB with afterCutover twoWayDoor    | schema
            start-migration-two-way-door.json | /dms/taskSettings | {"LoopbackPreventionSettings": {"EnableLoopbackPrevention": false}} | dms.taskSettings.LoopbackPreventionSettings | set by the run with afterCutover twoWayDoor | schema
            start-migration-two-way-door.json | /dms/taskSettings | {"TargetMetadata": {"BatchApplyEnabled": true}} | dms.taskSettings.TargetMetadata.BatchApplyEnabled | must be false with afterCutover twoWayDoor | schema
            start-migration-two-way-door.json | /twoWayDoor/backwardTaskIdentifier | "orders-migrate" | twoWayDoor.backwardTaskIdentifier | is the migration task itself | rule
            start-migration-two-way-door.json | /twoWayDoor/targetSourceEndpointArn | "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORASOURCE1" | twoWayDoor.targetSourceEndpointArn | is the source's endpoint | rule
            start-migration-two-way-door.json | /twoWayDoor/sourceTargetEndpointArn | "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSAURORAV2TARGET" | twoWayDoor.sourceTargetEndpointArn | is the target's endpoint | rule
            start-switchover.json | /runbook                    | "promote-replica"      | runbook                     | 'promote-replica' is not handled              | schema
            start-switchover.json | /engine                     | "mysql"                | engine                      | unknown engine 'mysql'                        | schema
            start-switchover.json | /engine                     | "oracle"               | sites.SITEA.slotName        | only for postgres                             | schema
            start-switchover.json | /direction                  | REMOVE                 | direction                   | missing                                       | schema
            start-switchover.json | /direction                  | "A_TO_C"               | direction                   | 'A_TO_C' is not A_TO_B or B_TO_A              | schema
            start-switchover.json | /sites/SITEC                | {}                     | sites.SITEC                 | no such site (the sites are SITEA and SITEB)  | schema
            start-switchover.json | /sites/SITEB                | REMOVE                 | sites.SITEB                 | missing                                       | schema
            start-switchover.json | /sites/SITEA/port           | REMOVE                 | sites.SITEA.port            | missing                                       | schema
            start-switchover.json | /sites/SITEA/port           | 70000                  | sites.SITEA.port            | 70000 is not a port number (1..65535)         | schema
            start-switchover.json | /sites/SITEA/host           | "bad host"             | sites.SITEA.host            | 'bad host' is not a host name                 | schema
            start-switchover.json | /sites/SITEA/hostname       | "db.example.com"       | sites.SITEA.hostname        | unknown field                                 | schema
            start-switchover.json | /sites/SITEA/secretArn      | "arn:aws:s3:::bucket"  | sites.SITEA.secretArn       | is not a Secrets Manager secret ARN           | schema
            start-switchover.json | /sites/SITEA/password       | "hunter2"              | sites.SITEA.password        | looks like a credential and is refused        | schema
            start-switchover.json | /sites/SITEA/slotName       | REMOVE                 | sites.SITEA.slotName        | missing (the SlotName of the site's source endpoint) | schema
            start-switchover.json | /sites/SITEB/slotName       | "Bad-Slot"             | sites.SITEB.slotName        | 'Bad-Slot' is not a PostgreSQL slot name      | schema
            start-switchover.json | /sites/SITEB/schema         | "drop table;"          | sites.SITEB.schema          | 'drop table;' is not a plain SQL identifier   | schema
            start-switchover.json | /dms/taskIdentifiers/B_TO_A | REMOVE                 | dms.taskIdentifiers.B_TO_A  | missing                                       | schema
            start-switchover.json | /dms/taskIdentifiers/A_TO_C | "x"                    | dms.taskIdentifiers.A_TO_C  | unknown direction                             | schema
            start-switchover.json | /dms/taskIdentifiers/A_TO_B | "1-bad--id"            | dms.taskIdentifiers.A_TO_B  | '1-bad--id' is not a DMS task identifier      | schema
            start-switchover.json | /dms/taskSettings           | {"LoopbackPreventionSettings": {}} | dms.taskSettings.LoopbackPreventionSettings | set by the run | schema
            start-switchover.json | /dms/postgresPlugin         | "wal2json"             | dms.postgresPlugin          | 'wal2json' is not one of                      | schema
            start-switchover.json | /dms/accessKey              | "AKIAIOSFODNN7EXAMPLE" | dms.accessKey               | looks like a credential and is refused        | schema
            start-switchover.json | /applications               | ["a", "a"]             | applications[1]             | 'a' is listed twice                           | schema
            start-switchover.json | /sequenceBuffer             | -1                     | sequenceBuffer              | -1 is outside 0..1000000000000                | schema
            start-switchover.json | /sequenceBuffer             | "lots"                 | sequenceBuffer              | must be a whole number                        | schema
            start-switchover.json | /heartbeatTable             | "heart beat"           | heartbeatTable              | 'heart beat' is not a plain SQL identifier    | schema
            start-switchover.json | /limits/maxLatencySeconds   | 120                    | limits.maxLatencySeconds    | 120 is outside 1..60                          | schema
            start-switchover.json | /limits/drainWaitSeconds    | 0                      | limits.drainWaitSeconds     | 0 is outside 1..86400                         | schema
            start-switchover.json | /limits/verifyWaitSecs      | 5                      | limits.verifyWaitSecs       | unknown field                                 | schema
            start-switchover.json | /colour                     | "blue"                 | colour                      | unknown field                                 | schema
            start-switchover.json | /sites/SITEB/host           | "orders-a.abcdefghijkl.eu-west-1.rds.amazonaws.com" | sites.SITEB | is the same database as sites.SITEA | rule
            start-switchover.json | /sites/SITEB/targetEndpointArn | "arn:aws:dms:eu-west-1:123456789012:endpoint:ORDERSBSOURCE0001" | sites.SITEB.targetEndpointArn | is the same endpoint as sites.SITEB.sourceEndpointArn | rule
            start-switchover.json | /dms/taskIdentifiers/B_TO_A | "orders-a-to-b"        | dms.taskIdentifiers.B_TO_A  | is the same task as A_TO_B                    | rule
            start-switchover.json | /dms/taskSettings           | {"TargetMetadata": {"BatchApplyEnabled": true}} | dms.taskSettings.TargetMetadata.BatchApplyEnabled | must be false | rule
            start-switchover.json | /dms/taskSettings           | {"ChangeProcessingTuning": {"BatchApplyEnabled": false}} | dms.taskSettings.ChangeProcessingTuning.BatchApplyEnabled | DMS reads BatchApplyEnabled in | rule
            appmap-sample.json    | /applications/0/sites/SITEA/engine | "mysql"         | applications[0].sites.SITEA.engine | unknown engine 'mysql'                 | schema
            appmap-sample.json    | /applications/0/sites/SITEB/port | REMOVE            | applications[0].sites.SITEB.port | missing                                  | schema
            appmap-sample.json    | /applications/0/sites/SITEB/port | "5432"            | applications[0].sites.SITEB.port | '5432' is not a port number              | schema
            appmap-sample.json    | /applications/0/activeSite  | REMOVE                 | applications[0].activeSite  | missing (the site the application writes to, e.g. SITEA) | schema
            appmap-sample.json    | /applications/0/sites/SITEA/secretArn | "hunter2"    | applications[0].sites.SITEA.secretArn | is not a Secrets Manager secret ARN | schema
            appmap-sample.json    | /applications/0/sites/SITEA/password | "hunter2"     | applications[0].sites.SITEA.password | looks like a credential and is refused | schema
            appmap-sample.json    | /applications/0/sites/primary | {}                   | applications[0].sites.primary | is not a site name                         | schema
            appmap-sample.json    | /applications/0/sites       | {}                     | applications[0].sites       | must have at least one site                   | schema
            appmap-sample.json    | /applications/0/colour      | "blue"                 | applications[0].colour      | unknown field                                 | schema
            appmap-sample.json    | /applications               | []                     | applications                | must be a non-empty array of appmap entries   | schema
            appmap-sample.json    | /applications/1/activeSite  | "SITEC"                | applications[1].activeSite  | no such site 'SITEC' (the sites of 'billing-worker' are SITEA, SITEB) | rule
            appmap-sample.json    | /applications/1/name        | "orders-api"           | applications[1].name        | 'orders-api' is listed twice (first at applications[0]) | rule
            """)
    void everyRejectedInputIsRejectedByBothNamingTheField(String sample, String pointer, String json, String field,
                                                          String words, String refusedBy) {
        JsonNode doc = InputEdits.edited(sample, pointer, json);
        InputSchema schema = schemaOf(sample, SampleEvents.load(sample));
        List<String> bySchema = schema.problems(doc).stream().map(p -> p.render(schema.documentName())).toList();
        InvalidInput parsed = assertThrows(InvalidInput.class, () -> PARSE.get(schema).apply(doc));
        String expected = field + ": ";
        assertTrue(parsed.problems().stream().anyMatch(p -> p.startsWith(expected) && p.contains(words)),
                () -> parsed.problems() + " should name " + field + " with '" + words + "'");
        if (refusedBy.equals("schema")) {
            assertEquals(bySchema, parsed.problems(), "the parse reports exactly what the schema finds");
        } else {
            assertEquals(List.of(), bySchema, "a rule the schema cannot state");
            assertEquals(1, parsed.problems().size(), parsed.problems()::toString);
        }
    }
}
