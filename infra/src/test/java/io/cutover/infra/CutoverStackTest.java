package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.catalog.Step;
import io.cutover.catalog.StepCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every resource of the stack with its key properties (CDK assertions on the synthesized template). */
class CutoverStackTest {
    private static Synthesized s;
    private static List<AslDefinition> definitions;
    private static List<String> steps;

    @BeforeAll
    static void synth() {
        s = Synthesized.get();
        definitions = AslDefinition.discover(s.layout.stateMachines());
        steps = StepCatalog.names(CutoverStack.deployedSteps(definitions));
    }

    @Test
    void runsTable() {
        JsonNode table = s.resource(id(s.stack.tables.runs));
        JsonNode p = table.get("Properties");
        assertEquals("PAY_PER_REQUEST", p.get("BillingMode").asText());
        assertEquals(Map.of("pk", "HASH", "sk", "RANGE"), keySchema(p));
        assertEquals(Map.of("pk", "S", "sk", "S"), attributes(p));
        assertEquals("ttl", p.at("/TimeToLiveSpecification/AttributeName").asText());
        assertTrue(p.at("/TimeToLiveSpecification/Enabled").asBoolean());
        assertTrue(p.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean());
        assertTrue(p.at("/SSESpecification/SSEEnabled").asBoolean(), "encrypted with the AWS managed KMS key");
        assertEquals("Delete", table.get("DeletionPolicy").asText());
    }

    @Test
    void appMapTableOutlivesTheStack() {
        JsonNode table = s.resource(id(s.stack.tables.appMap));
        JsonNode p = table.get("Properties");
        assertEquals("PAY_PER_REQUEST", p.get("BillingMode").asText());
        assertEquals(Map.of("app", "HASH"), keySchema(p));
        assertEquals(Map.of("app", "S"), attributes(p));
        assertTrue(p.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean());
        assertTrue(p.at("/SSESpecification/SSEEnabled").asBoolean());
        assertTrue(p.get("DeletionProtectionEnabled").asBoolean());
        assertEquals("Retain", table.get("DeletionPolicy").asText());
        assertEquals("Retain", table.get("UpdateReplacePolicy").asText());
    }

    @Test
    void oneFunctionPerStepPlusTheEventHandler() {
        Set<String> expected = new TreeSet<>();
        for (String step : steps) expected.add(step + "Function");
        assertEquals(expected, new TreeSet<>(s.resources("AWS::Lambda::Function").keySet()));
        assertTrue(steps.contains(StepCatalog.RESOURCE_EVENT));
        for (AslDefinition d : definitions) assertTrue(steps.containsAll(d.steps()), d.name());
    }

    @Test
    void functionsRunJava21WithSnapStartJsonLogsAndTheirProfile() {
        Set<String> codeKeys = new HashSet<>();
        java.util.Map<String, Set<String>> logGroupsByRunbook = new java.util.TreeMap<>();
        for (String step : steps) {
            Step profile = StepCatalog.require(step, "test");
            JsonNode p = s.resource(step + "Function").get("Properties");
            assertEquals("java21", p.get("Runtime").asText(), step);
            assertEquals(profile.handlerMethod(), p.get("Handler").asText(), step);
            assertEquals("PublishedVersions", p.at("/SnapStart/ApplyOn").asText(), step);
            assertEquals(profile.memoryMb(), p.get("MemorySize").asInt(), step);
            assertEquals(profile.timeoutSeconds(), p.get("Timeout").asInt(), step);
            assertTrue(profile.timeoutSeconds() < 300, "Lambda times out before the ASL's TimeoutSeconds: " + step);
            assertEquals("JSON", p.at("/LoggingConfig/LogFormat").asText(), step);
            assertEquals("INFO", p.at("/LoggingConfig/ApplicationLogLevel").asText(), step);
            String logGroup = Synthesized.referenced(p.at("/LoggingConfig/LogGroup"));
            assertEquals("AWS::Logs::LogGroup", s.resource(logGroup).get("Type").asText(), step);
            logGroupsByRunbook.computeIfAbsent(profile.group().name(), g -> new java.util.TreeSet<>()).add(logGroup);
            assertEquals(id(s.stack.tables.runs),
                    Synthesized.referenced(p.at("/Environment/Variables/" + Tables.RUNS_TABLE_ENV)), step);
            assertEquals(id(s.stack.tables.appMap),
                    Synthesized.referenced(p.at("/Environment/Variables/" + Tables.APPMAP_TABLE_ENV)), step);
            assertEquals("cutover:allowed=true", p.at("/Environment/Variables/" + StepLambdas.PROMOTABLE_TAG_ENV).asText(),
                    "the tag IAM requires for promotion, so Preflight can check it: " + step);
            codeKeys.add(p.at("/Code/S3Key").asText());
        }
        // One log group per runbook: a run's lines in one place, and the stack within CloudFormation's 500 resources.
        assertEquals(4, logGroupsByRunbook.size(), logGroupsByRunbook.toString());
        logGroupsByRunbook.forEach((runbook, groups) -> assertEquals(1, groups.size(), runbook + ": " + groups));
        assertEquals(4, logGroupsByRunbook.values().stream().flatMap(Set::stream).distinct().count(), "a group per runbook");
        assertEquals(1, codeKeys.size(), "every step runs from the one shaded jar");
        assertTrue(codeKeys.iterator().next().endsWith(".jar"));
    }

    @Test
    void onlyTheJdbcStepsRunInTheVpc() {
        Set<String> inVpc = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : s.resources("AWS::Lambda::Function").entrySet()) {
            JsonNode vpc = e.getValue().at("/Properties/VpcConfig");
            if (vpc.isMissingNode()) continue;
            inVpc.add(e.getKey().replaceFirst("Function$", ""));
            assertEquals("PrivateSubnetIds", vpc.at("/SubnetIds/Ref").asText());
            String sg = vpc.get("SecurityGroupIds").toString();
            assertTrue(sg.contains("DbClientSecurityGroup") && sg.contains("ExtraSecurityGroupIds")
                    && sg.contains("HasExtraSecurityGroups"), sg);
        }
        assertEquals(new TreeSet<>(List.of("Preflight", "CheckLag", "CheckReplicaSync", "CapturePosition", "PrepareLogicalSlot",
                "ResolveStartPosition", "Rollback", "SwitchoverPreflight", "CheckForwardLatency", "Drain", "SyncSequences",
                "RestoreReplicationRole", "CreateBackwardTask", "StartBackwardTask", "VerifyBackwardFlow", "SwitchoverRollback", "Status",
                "MigratePreflight", "PrepareTarget", "HoldBackObjects", "RestoreHeldBack", "ValidateData", "CheckCdcLatency",
                "DrainMigration", "SyncTargetSequences", "FinalValidation", "RestoreTargetRole", "VerifyTargetWrites",
                "CheckTargetParameter", "CheckTargetParameterRestored",
                "MigrateRollback", "CreateTwoWayDoorTask", "StartTwoWayDoorTask", "VerifyTwoWayDoorFlow")), inVpc);
        assertEquals(new TreeSet<>(StepCatalog.jdbcSteps()), inVpc);
    }

    @Test
    void dbClientSecurityGroupOpensNothingInbound() {
        JsonNode p = s.resource("DbClientSecurityGroup").get("Properties");
        assertEquals("VpcId", p.at("/VpcId/Ref").asText());
        assertTrue(p.path("SecurityGroupIngress").isMissingNode());
        Set<Integer> ports = new TreeSet<>();
        for (JsonNode rule : p.get("SecurityGroupEgress")) {
            assertEquals("tcp", rule.get("IpProtocol").asText());
            assertEquals(rule.get("FromPort").asInt(), rule.get("ToPort").asInt());
            ports.add(rule.get("FromPort").asInt());
        }
        assertEquals(new TreeSet<>(List.of(443, 1521, 5432)), ports);
    }

    @Test
    void eachFunctionHasALiveAliasOnAPublishedVersion() {
        Map<String, JsonNode> aliases = s.resources("AWS::Lambda::Alias");
        assertEquals(steps.size(), aliases.size());
        for (String step : steps) {
            JsonNode alias = aliases.get(id(s.stack.lambdas.step(step).alias()));
            assertNotNull(alias, step);
            JsonNode p = alias.get("Properties");
            assertEquals(StepLambdas.ALIAS_NAME, p.get("Name").asText());
            assertEquals(step + "Function", p.at("/FunctionName/Ref").asText());
            String version = Synthesized.referenced(p.get("FunctionVersion"));
            JsonNode v = s.resource(version);
            assertEquals("AWS::Lambda::Version", v.get("Type").asText());
            assertEquals(step + "Function", v.at("/Properties/FunctionName/Ref").asText());
        }
    }

    @Test
    void stateMachinesAreStandardWithFullLoggingAndTracing() {
        Map<String, JsonNode> machines = s.resources("AWS::StepFunctions::StateMachine");
        assertEquals(definitions.size(), machines.size());
        for (AslDefinition d : definitions) {
            JsonNode p = s.resource(d.pascalName() + "StateMachine").get("Properties");
            assertEquals("STANDARD", p.get("StateMachineType").asText());
            assertEquals("ALL", p.at("/LoggingConfiguration/Level").asText());
            assertTrue(p.at("/LoggingConfiguration/IncludeExecutionData").asBoolean());
            String logGroup = Synthesized.referenced(
                    p.at("/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn"));
            JsonNode lg = s.resource(logGroup).get("Properties");
            String name = lg.get("LogGroupName").toString();
            assertTrue(name.contains("/aws/vendedlogs/states/") && name.contains("AWS::StackId"), name);
            assertEquals("Retain", s.resource(logGroup).get("DeletionPolicy").asText());
            assertTrue(p.at("/TracingConfiguration/Enabled").asBoolean());
            assertTrue(s.json.at("/Outputs/" + d.pascalName() + "StateMachineArn").isObject());
        }
    }

    @Test
    void rdsAndDmsEventsReachTheEventHandlerWithRetriesAndADeadLetterQueue() {
        String alias = id(s.stack.lambdas.step(StepCatalog.RESOURCE_EVENT).alias());
        String queue = id(s.stack.events.deadLetters);
        for (String[] pattern : List.of(new String[]{"aws.rds", "RDS DB Instance Event"},
                new String[]{"aws.dms", "DMS Replication Task State Change"})) {
            s.template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventPattern", Map.of("source", List.of(pattern[0]), "detail-type", List.of(pattern[1])),
                    "Targets", List.of(Map.of(
                            "Arn", Map.of("Ref", alias),
                            "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))),
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 7200)))));
        }
        // Exactly these two patterns reach the handler, nothing broader.
        long toHandler = s.resources("AWS::Events::Rule").values().stream()
                .filter(r -> r.at("/Properties/Targets/0/Arn/Ref").asText().equals(alias)).count();
        assertEquals(2, toHandler);
        s.template.resourceCountIs("AWS::Lambda::Permission", 2);
        s.template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "FunctionName", Map.of("Ref", alias), "Principal", "events.amazonaws.com"));
        s.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", StepCatalog.RESOURCE_EVENT + "Function"),
                "MaximumRetryAttempts", 2,
                "DestinationConfig", Map.of("OnFailure",
                        Map.of("Destination", Map.of("Fn::GetAtt", List.of(queue, "Arn"))))));
        s.template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true, "MessageRetentionPeriod", 14 * 24 * 3600));
    }

    @Test
    void runOutcomesGoToAnEncryptedTopic() {
        List<Object> machineRefs = definitions.stream()
                .map(d -> (Object) Map.of("Ref", d.pascalName() + "StateMachine")).toList();
        String topic = id(s.stack.notifications.topic);
        s.template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.states"),
                        "detail-type", List.of("Step Functions Execution Status Change"),
                        "detail", Map.of(
                                "status", List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"),
                                "stateMachineArn", machineRefs)),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", topic))))));
        JsonNode topicProps = s.resource(topic).get("Properties");
        String key = Synthesized.referenced(topicProps.get("KmsMasterKeyId"));
        JsonNode keyProps = s.resource(key).get("Properties");
        assertTrue(keyProps.get("EnableKeyRotation").asBoolean());
        s.template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", Map.of("Ref", "NotificationEmail")));
        assertEquals("HasNotificationEmail",
                s.resources("AWS::SNS::Subscription").values().iterator().next().get("Condition").asText());
    }

    @Test
    void deployParametersAreDeclared() {
        Map<String, String> expected = Map.of(
                "VpcId", "AWS::EC2::VPC::Id",
                "PrivateSubnetIds", "List<AWS::EC2::Subnet::Id>",
                "ExtraSecurityGroupIds", "CommaDelimitedList",
                "DatabaseSecretArns", "CommaDelimitedList",
                "DmsAccessRoleArn", "String",
                "NotificationEmail", "String");
        expected.forEach((name, type) ->
                assertEquals(type, s.json.at("/Parameters/" + name + "/Type").asText(), name));
        assertTrue(s.json.at("/Parameters/DatabaseSecretArns/Default").isMissingNode(),
                "secret ARNs are chosen at deploy time, never defaulted");
        assertTrue(s.json.at("/Parameters/DmsAccessRoleArn/Default").isMissingNode());
    }

    private static String id(software.constructs.IConstruct construct) {
        return s.logicalId(construct);
    }

    private static Map<String, String> keySchema(JsonNode p) {
        Map<String, String> m = new java.util.TreeMap<>();
        p.get("KeySchema").forEach(k -> m.put(k.get("AttributeName").asText(), k.get("KeyType").asText()));
        return m;
    }

    private static Map<String, String> attributes(JsonNode p) {
        Map<String, String> m = new java.util.TreeMap<>();
        p.get("AttributeDefinitions").forEach(k -> m.put(k.get("AttributeName").asText(), k.get("AttributeType").asText()));
        return m;
    }
}
