package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.catalog.StepCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status function: deployed beside the steps though no state machine calls it, and read-only. */
class StatusFunctionTest {
    private static Synthesized s;

    @BeforeAll
    static void synth() {
        s = Synthesized.get();
    }

    @Test
    void deployedInTheVpcWithAnOutputOperatorsInvoke() {
        JsonNode p = s.resource("StatusFunction").get("Properties");
        assertEquals(StepCatalog.require(StepCatalog.STATUS, "test").handlerMethod(), p.get("Handler").asText());
        assertEquals("PrivateSubnetIds", p.at("/VpcConfig/SubnetIds/Ref").asText(), "it opens JDBC connections");
        assertTrue(s.json.at("/Outputs/StatusFunctionArn").isObject());
        for (JsonNode machine : s.resources("AWS::StepFunctions::StateMachine").values()) {
            assertTrue(!machine.toString().contains("StatusFunction"), "no state machine calls it");
        }
    }

    @Test
    void itsRoleOnlyReads() {
        TreeMap<String, List<JsonNode>> actions = new TreeMap<>();
        String role = Synthesized.referenced(s.resource("StatusFunction").at("/Properties/Role"));
        for (JsonNode policy : s.resources("AWS::IAM::Policy").values()) {
            boolean ours = false;
            for (JsonNode r : policy.at("/Properties/Roles")) ours |= role.equals(Synthesized.referenced(r));
            if (!ours) continue;
            for (JsonNode st : policy.at("/Properties/PolicyDocument/Statement")) {
                for (String a : Synthesized.texts(st.get("Action"))) actions.computeIfAbsent(a, k -> new ArrayList<>()).add(st);
            }
        }
        Set<String> expected = new TreeSet<>(List.of(
                "dynamodb:GetItem", "dynamodb:Scan",
                "secretsmanager:GetSecretValue", "rds:DescribeDBInstances",
                "dms:DescribeEndpoints", "dms:DescribeConnections", "dms:DescribeReplicationTasks", "dms:DescribeTableStatistics",
                "cloudwatch:GetMetricData",
                "logs:CreateLogStream", "logs:PutLogEvents",
                "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"));
        assertEquals(expected, actions.keySet());
        // The runs table: GetItem only (run item, lock); Scan is the appmap's.
        for (JsonNode st : actions.get("dynamodb:Scan")) {
            assertTrue(st.get("Resource").toString().contains("AppMap"), st.toString());
        }
        JsonNode stats = actions.get("dms:DescribeTableStatistics").get(0);
        assertTrue(stats.get("Resource").toString().contains(":task:*"), stats.toString());
    }
}
