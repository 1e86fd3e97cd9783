package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.catalog.AwsCall;
import io.cutover.catalog.StepCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Least privilege, read off the synthesized template: no wildcard action anywhere; each step's
 * role holds exactly its catalog calls; "*" resources only for those calls on no resource type;
 * tag and parameter scoping where it matters; and each sensitive action held by exactly the step
 * that needs it. (The iam-check evaluates the same policies against AWS's authorization data.)
 */
class IamPolicyTest {
    /** "*" on the state machine roles: logging and tracing, added by CDK, without resource-level permissions. */
    private static final Set<String> STATE_MACHINE_STAR = Set.of(
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "xray:GetSamplingRules", "xray:GetSamplingTargets");

    private static Synthesized s;
    /** step -> (action -> statements granting it to that step's role) */
    private static Map<String, Map<String, List<JsonNode>>> byStep;

    @BeforeAll
    static void synth() {
        s = Synthesized.get();
        byStep = new TreeMap<>();
        Map<String, String> roleToStep = new LinkedHashMap<>();
        s.resources("AWS::Lambda::Function").forEach((id, fn) ->
                roleToStep.put(Synthesized.referenced(fn.at("/Properties/Role")), id.replaceFirst("Function$", "")));
        for (JsonNode policy : s.resources("AWS::IAM::Policy").values()) {
            for (JsonNode roleRef : policy.at("/Properties/Roles")) {
                String step = roleToStep.get(Synthesized.referenced(roleRef));
                if (step == null) continue;
                for (JsonNode st : policy.at("/Properties/PolicyDocument/Statement")) {
                    for (String action : Synthesized.texts(st.get("Action"))) {
                        byStep.computeIfAbsent(step, k -> new TreeMap<>())
                                .computeIfAbsent(action, k -> new ArrayList<>()).add(st);
                    }
                }
            }
        }
        assertEquals(roleToStep.size(), byStep.size(), "every step role has a policy");
    }

    /** Every statement of every policy document in the template: IAM policies, key, topic and queue policies. */
    private static List<JsonNode> allStatements() {
        List<JsonNode> out = new ArrayList<>();
        s.resources("AWS::IAM::Policy").values().forEach(p -> p.at("/Properties/PolicyDocument/Statement").forEach(out::add));
        s.resources("AWS::IAM::Role").values().forEach(r -> r.at("/Properties/Policies").forEach(
                p -> p.at("/PolicyDocument/Statement").forEach(out::add)));
        s.resources("AWS::KMS::Key").values().forEach(k -> k.at("/Properties/KeyPolicy/Statement").forEach(out::add));
        s.resources("AWS::SNS::TopicPolicy").values().forEach(p -> p.at("/Properties/PolicyDocument/Statement").forEach(out::add));
        s.resources("AWS::SQS::QueuePolicy").values().forEach(p -> p.at("/Properties/PolicyDocument/Statement").forEach(out::add));
        return out;
    }

    @Test
    void noWildcardActionAnywhere() {
        List<JsonNode> statements = allStatements();
        assertTrue(statements.size() > 40);
        for (JsonNode st : statements) {
            for (String action : Synthesized.texts(st.get("Action"))) {
                assertFalse(action.equals("*"), "'*' action in " + st);
                if ("Allow".equals(st.get("Effect").asText())) {
                    assertFalse(action.contains("*"), "wildcard action " + action + " in " + st);
                }
            }
            assertTrue(st.path("NotAction").isMissingNode(), "NotAction in " + st);
        }
        s.resources("AWS::Lambda::Permission").values().forEach(p ->
                assertEquals("lambda:InvokeFunction", p.at("/Properties/Action").asText()));
    }

    @Test
    void eachStepRoleHoldsExactlyItsCatalogCalls() {
        byStep.forEach((step, actions) -> assertEquals(new TreeSet<>(StepCatalog.require(step, "test").roleCalls()
                .stream().map(AwsCall::action).toList()), actions.keySet(), step));
    }

    @Test
    void starResourcesOnlyForCallsOnNoResourceTypeOrLambdasNetworkInterfaces() {
        Set<String> starCalls = new TreeSet<>(STATE_MACHINE_STAR);
        StepCatalog.all().forEach(step -> step.roleCalls().forEach(c -> {
            if (c.resources().stream().allMatch(r -> Permissions.STAR.contains(r))) starCalls.add(c.action());
        }));
        assertTrue(starCalls.containsAll(List.of("dms:DescribeEndpoints", "states:SendTaskSuccess",
                "ec2:CreateNetworkInterface")), starCalls.toString());
        for (JsonNode policy : s.resources("AWS::IAM::Policy").values()) {
            for (JsonNode st : policy.at("/Properties/PolicyDocument/Statement")) {
                if (!Synthesized.texts(st.get("Resource")).contains("*")) continue;
                for (String action : Synthesized.texts(st.get("Action"))) {
                    assertTrue(starCalls.contains(action), action + " has Resource '*': " + st);
                }
            }
        }
    }

    @Test
    void sensitiveActionsAreHeldOnlyByTheStepThatNeedsThem() {
        assertHolders("rds:PromoteReadReplica", "PromoteReplica");
        assertHolders("dms:CreateEndpoint", "CreateS3TargetEndpoint", "CreateSourceEndpoint", "CreateTargetEndpoint");
        assertHolders("iam:PassRole", "CreateS3TargetEndpoint", "CreateSourceEndpoint", "CreateTargetEndpoint");
        assertHolders("dms:TestConnection", "CreateS3TargetEndpoint", "TestTargetConnection");
        assertHolders("dms:DeleteReplicationTask", "RemoveS3Copy");
        assertHolders("s3:GetObject", "CheckS3Output");
        assertHolders("s3:ListBucket", "CheckS3Output");
        assertHolders("dms:CreateReplicationTask", "CreateCdcTask", "CreateBackwardTask", "CreateMigrationTask", "CreateS3Task",
                "CreateTwoWayDoorTask");
        assertHolders("dms:StartReplicationTask", "StartCdcTask", "StartBackwardTask", "StartMigrationTask", "StartS3Task",
                "StartTwoWayDoorTask");
        assertHolders("dms:StopReplicationTask", "RemoveS3Copy", "StopMigrationTask", "StopS3Task");
        assertHolders("dms:AddTagsToResource", "CreateSourceEndpoint", "CreateTargetEndpoint", "CreateCdcTask", "CreateBackwardTask",
                "CreateMigrationTask", "CreateS3TargetEndpoint", "CreateS3Task", "CreateTwoWayDoorTask");
        assertHolders("rds:CreateDBSnapshot", "SnapshotSource");
        assertHolders("rds:CreateDBClusterSnapshot", "SnapshotSource");
        assertHolders("states:SendTaskSuccess", "AwaitResource", "ResourceEvent");
        assertHolders("states:SendTaskFailure", "AwaitResource", "ResourceEvent");
        // DMS validates the secrets-access role and the secret with the CreateEndpoint caller's permissions.
        assertHolders("iam:GetRole", "CreateSourceEndpoint", "CreateTargetEndpoint");
        assertHolders("secretsmanager:DescribeSecret", "CreateSourceEndpoint", "CreateTargetEndpoint");
        assertHolders("secretsmanager:GetSecretValue", StepCatalog.jdbcSteps().toArray(String[]::new));
        assertHolders("ec2:CreateNetworkInterface", StepCatalog.jdbcSteps().toArray(String[]::new));
        // The first state touches nothing: it may only write its own logs.
        assertEquals(Set.of("logs:CreateLogStream", "logs:PutLogEvents"), byStep.get("ValidateInput").keySet());
        assertEquals(Set.of("logs:CreateLogStream", "logs:PutLogEvents"), byStep.get("SwitchoverValidateInput").keySet());
        assertEquals(Set.of("logs:CreateLogStream", "logs:PutLogEvents"), byStep.get("MigrateValidateInput").keySet());
    }

    @Test
    void theS3CopyPassesOnlyTheS3TargetRoleToDmsAndReadsOnlyUnderItsPrefix() {
        JsonNode pass = only("CreateS3TargetEndpoint", "iam:PassRole");
        assertEquals(s.logicalId(s.stack.s3Target.role), Synthesized.referenced(pass.get("Resource")), pass.toString());
        assertEquals("dms*.amazonaws.com", pass.at("/Condition/StringLike/iam:PassedToService").asText(), pass.toString());
        JsonNode list = only("CheckS3Output", "s3:ListBucket");
        assertEquals(List.of("arn:${AWS::Partition}:s3:::" + Synthesized.S3_BUCKET), resolvedArns(list), list.toString());
        assertEquals(List.of(Synthesized.S3_PREFIX + "/*", Synthesized.S3_PREFIX),
                Synthesized.texts(list.at("/Condition/StringLike/s3:prefix")), list.toString());
        JsonNode get = only("CheckS3Output", "s3:GetObject");
        assertEquals(List.of("arn:${AWS::Partition}:s3:::" + Synthesized.S3_BUCKET + "/" + Synthesized.S3_PREFIX + "/*"),
                resolvedArns(get), get.toString());
    }

    /** A statement's resources with {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ...]]} written out. */
    private static List<String> resolvedArns(JsonNode statement) {
        List<String> out = new java.util.ArrayList<>();
        JsonNode r = statement.get("Resource");
        for (JsonNode n : r.isArray() ? r : Synthesized.JSON.createArrayNode().add(r)) {
            if (n.has("Fn::Join")) {
                StringBuilder b = new StringBuilder();
                n.get("Fn::Join").get(1).forEach(p -> b.append(p.has("Ref") ? "${" + p.get("Ref").asText() + "}" : p.asText()));
                out.add(b.toString());
            } else {
                out.add(n.asText());
            }
        }
        return out;
    }

    @Test
    void promotionIsLimitedToTaggedDbInstances() {
        JsonNode st = only("PromoteReplica", "rds:PromoteReadReplica");
        assertTrue(st.get("Resource").toString().contains(":db:*"), st.toString());
        assertEquals("true", st.at("/Condition/StringEquals/rds:db-tag~1cutover:allowed").asText(), st.toString());
    }

    @Test
    void dmsCreatesRequireTheManagedTagAndStartsOnlyManagedTasks() {
        for (String[] pair : List.of(new String[]{"CreateTargetEndpoint", "dms:CreateEndpoint"},
                new String[]{"CreateTargetEndpoint", "dms:AddTagsToResource"},
                new String[]{"CreateCdcTask", "dms:CreateReplicationTask"},
                new String[]{"CreateCdcTask", "dms:AddTagsToResource"},
                new String[]{"CreateBackwardTask", "dms:CreateReplicationTask"},
                new String[]{"CreateBackwardTask", "dms:AddTagsToResource"})) {
            JsonNode st = only(pair[0], pair[1]);
            assertEquals("true", st.at("/Condition/StringEquals/aws:RequestTag~1cutover:managed").asText(), st.toString());
            assertEquals(List.of("cutover:managed", "cutover:run-id"),
                    Synthesized.texts(st.at("/Condition/ForAllValues:StringEquals/aws:TagKeys")), st.toString());
        }
        for (String step : List.of("StartCdcTask", "StartBackwardTask")) {
            JsonNode start = only(step, "dms:StartReplicationTask");
            assertTrue(start.get("Resource").toString().contains(":task:*"), start.toString());
            assertEquals("true", start.at("/Condition/StringEquals/aws:ResourceTag~1cutover:managed").asText());
        }
        JsonNode test = only("TestTargetConnection", "dms:TestConnection");
        assertTrue(test.get("Resource").toString().contains(":endpoint:*") && test.get("Resource").toString().contains(":rep:*"));
        // The Service Authorization Reference: CreateEndpoint on an endpoint, CreateReplicationTask on
        // its endpoints and replication instance (not on a task).
        assertTrue(only("CreateTargetEndpoint", "dms:CreateEndpoint").get("Resource").toString().contains(":endpoint:*"));
        JsonNode createTask = only("CreateCdcTask", "dms:CreateReplicationTask");
        assertFalse(createTask.get("Resource").toString().contains(":task:"), createTask.toString());
    }

    @Test
    void secretsPassRoleAndCallbacksAreScopedToParametersAndStateMachines() {
        for (String step : StepCatalog.jdbcSteps()) {
            assertEquals("DatabaseSecretArns", only(step, "secretsmanager:GetSecretValue").at("/Resource/Ref").asText());
        }
        JsonNode pass = only("CreateTargetEndpoint", "iam:PassRole");
        assertEquals("DmsAccessRoleArn", pass.at("/Resource/Ref").asText());
        assertEquals("dms*.amazonaws.com", pass.at("/Condition/StringLike/iam:PassedToService").asText());
        assertEquals("DmsAccessRoleArn", only("CreateTargetEndpoint", "iam:GetRole").at("/Resource/Ref").asText());
        assertEquals("DatabaseSecretArns",
                only("CreateTargetEndpoint", "secretsmanager:DescribeSecret").at("/Resource/Ref").asText());
        for (String step : List.of("AwaitResource", "ResourceEvent")) {
            // No resource type in the Service Authorization Reference: "*" (completing needs the token).
            assertEquals("*", only(step, "states:SendTaskSuccess").get("Resource").asText());
        }
    }

    @Test
    void tablesLogsAndQueuesAreGrantedByArn() {
        Set<String> tables = new TreeSet<>(s.resources("AWS::DynamoDB::Table").keySet());
        byStep.forEach((step, actions) -> actions.forEach((action, statements) -> {
            for (JsonNode st : statements) {
                if (action.startsWith("dynamodb:")) {
                    for (JsonNode r : st.get("Resource").isArray() ? st.get("Resource") : List.of(st.get("Resource"))) {
                        assertTrue(tables.contains(Synthesized.referenced(r)), step + " " + action + ": " + st);
                    }
                }
                if (action.startsWith("logs:")) {
                    String logGroup = Synthesized.referenced(st.get("Resource"));
                    assertEquals("AWS::Logs::LogGroup", s.resource(logGroup).get("Type").asText());
                    String fnLogGroup = Synthesized.referenced(
                            s.resource(step + "Function").at("/Properties/LoggingConfig/LogGroup"));
                    assertEquals(fnLogGroup, logGroup, step + " writes only to the log group its function logs to (its runbook's)");
                }
            }
        }));
        assertTrue(byStep.get("ResourceEvent").containsKey("sqs:SendMessage"), "on-failure destination");
        assertFalse(byStep.get("ValidateInput").keySet().stream().anyMatch(a -> a.startsWith("dynamodb:")));
        assertFalse(byStep.get("CheckLag").containsKey("dynamodb:Scan"));
    }

    private static void assertHolders(String action, String... steps) {
        Set<String> holders = new TreeSet<>();
        byStep.forEach((step, actions) -> {
            if (actions.containsKey(action)) holders.add(step);
        });
        assertEquals(new TreeSet<>(List.of(steps)), holders, action);
    }

    private static JsonNode only(String step, String action) {
        List<JsonNode> statements = byStep.getOrDefault(step, Map.of()).get(action);
        if (statements == null || statements.size() != 1) {
            fail(step + " should have exactly one statement with " + action + ": " + statements);
        }
        return statements.get(0);
    }
}
