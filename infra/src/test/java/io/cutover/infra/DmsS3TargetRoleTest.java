package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 target's access role: CDK assertions on the synthesized template, then the same policy
 * evaluated against AWS's Service Authorization Reference (infra/iam-check): the calls DMS makes
 * under the prefix are allowed, the same calls outside it are denied, and every action, resource
 * type and condition key exists for its action.
 */
class DmsS3TargetRoleTest {
    private static final String BUCKET = "orders-lake";
    private static final String PREFIX = "dms/orders";
    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static JsonNode policy;
    private static Template template;
    private static Stack stack;
    @TempDir
    static Path work;

    @BeforeAll
    static void synth() {
        App app = new App();
        Aspects.of(app).add(new AwsSolutionsChecks());
        stack = new Stack(app, "S3Target", StackProps.builder()
                .env(Environment.builder().account(IamCheck.ACCOUNT).region(IamCheck.REGION).build()).build());
        new DmsS3TargetRole(stack, "DmsS3Target", BUCKET, PREFIX, KEY);
        template = Template.fromStack(stack);
        JsonNode role = Synthesized.JSON.valueToTree(template.findResources("AWS::IAM::Role")).elements().next();
        policy = resolvePartition(role.at("/Properties/Policies/0/PolicyDocument"));
    }

    @Test
    void onlyDmsOfThisAccountAssumesItAndItHoldsThreeStatementsOnThePrefix() {
        template.resourceCountIs("AWS::IAM::Role", 1);
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                "Action", "sts:AssumeRole", "Effect", "Allow",
                "Principal", Map.of("Service", "dms.amazonaws.com"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", IamCheck.ACCOUNT)))))));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
        assertEquals(Synthesized.JSON.valueToTree(List.of(
                Map.of("Sid", "WriteUnderPrefix", "Effect", "Allow", "Action", List.of("s3:PutObject", "s3:DeleteObject"),
                        "Resource", "arn:aws:s3:::orders-lake/dms/orders/*"),
                Map.of("Sid", "ListPrefixOnly", "Effect", "Allow", "Action", "s3:ListBucket",
                        "Resource", "arn:aws:s3:::orders-lake",
                        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("dms/orders/*", "dms/orders")))),
                Map.of("Sid", "EncryptWithTheEndpointsKey", "Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                        "Resource", KEY,
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"))))),
                policy.get("Statement"));
    }

    @Test
    void cdkNagFindsNothingUnsuppressedAndTheOneWildcardIsThePrefixs() {
        assertEquals(List.of(), Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertEquals(List.of(), Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        String metadata = Synthesized.JSON.valueToTree(template.findResources("AWS::IAM::Role")).toString();
        assertTrue(metadata.contains("Resource::arn:<AWS::Partition>:s3:::orders-lake/dms/orders/*"), metadata);
    }

    @Test
    void theCallsDmsMakesUnderThePrefixAreAllowedPerAwsDataAndNothingMoreIsGranted() throws Exception {
        ObjectNode input = input();
        ArrayNode calls = (ArrayNode) input.at("/steps/0/calls");
        call(calls, "s3:PutObject", "object", Map.of("BucketName", BUCKET, "ObjectName", PREFIX + "/public/orders/LOAD00000001.csv"), Map.of());
        call(calls, "s3:DeleteObject", "object", Map.of("BucketName", BUCKET, "ObjectName", PREFIX + "/public/orders/LOAD00000001.csv"), Map.of());
        call(calls, "s3:ListBucket", "bucket", Map.of("BucketName", BUCKET), Map.of("s3:prefix", PREFIX + "/public/orders/"));
        kmsCall(calls, "kms:GenerateDataKey", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"));
        kmsCall(calls, "kms:Decrypt", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"));

        IamCheck.Report report = IamCheck.run(RepoLayout.locate().root(), input, work.resolve("s3-role.json"));
        assertEquals(List.of(), report.problems(), report.json().toPrettyString());
        assertEquals(5, report.json().get("simulations").asInt());
    }

    @Test
    void theSameCallsOutsideThePrefixAreDenied() throws Exception {
        ObjectNode input = input();
        ArrayNode calls = (ArrayNode) input.at("/steps/0/calls");
        call(calls, "s3:PutObject", "object", Map.of("BucketName", BUCKET, "ObjectName", "dms/ordersX/t/LOAD00000001.csv"), Map.of());
        call(calls, "s3:DeleteObject", "object", Map.of("BucketName", BUCKET, "ObjectName", "finance/ledger.csv"), Map.of());
        call(calls, "s3:ListBucket", "bucket", Map.of("BucketName", BUCKET), Map.of("s3:prefix", "finance/"));
        call(calls, "s3:PutObject", "object", Map.of("BucketName", "other-bucket", "ObjectName", PREFIX + "/x.csv"), Map.of());
        kmsCall(calls, "kms:Decrypt", Map.of("kms:ViaService", "ec2.eu-west-1.amazonaws.com"));

        IamCheck.Report report = IamCheck.run(RepoLayout.locate().root(), input, work.resolve("s3-role-denied.json"));
        List<String> denied = report.problems().stream().filter(p -> p.endsWith("ImplicitlyDenied by the role policy")).toList();
        assertEquals(5, denied.size(), report.json().toPrettyString());
        assertTrue(denied.get(2).contains("s3:ListBucket on arn:aws:s3:::orders-lake {\"s3:prefix\":\"finance/\"}"), denied.get(2));
    }

    @Test
    void aPrefixTheRoleCannotBeScopedToIsRefused() {
        Stack stack = new Stack(new App(), "Bad");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DmsS3TargetRole(stack, "R", BUCKET, "dms/*", null));
        assertEquals("cutover:s3TargetPrefix: 'dms/*' must be a folder without leading or trailing '/' or wildcards:"
                + " the role is scoped to it", e.getMessage());
    }

    private static ObjectNode input() {
        ObjectNode root = Synthesized.JSON.createObjectNode();
        root.put("partition", IamCheck.PARTITION).put("region", IamCheck.REGION).put("account", IamCheck.ACCOUNT);
        ObjectNode step = root.putArray("steps").addObject();
        step.put("step", "DmsS3TargetRole");
        step.put("principal", "arn:aws:iam::" + IamCheck.ACCOUNT + ":role/cutover-dms-s3-orders");
        step.putArray("policies").addObject().put("name", "S3TargetPrefix").set("document", policy);
        step.putArray("calls");
        return root;
    }

    /**
     * A KMS call on the endpoint's key, with the key's default policy (it trusts the account, so IAM
     * policies decide): KMS, and the simulator, deny any call a key policy does not let IAM allow.
     */
    private static void kmsCall(ArrayNode calls, String action, Map<String, String> context) {
        call(calls, action, "key", Map.of("KeyId", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), context);
        ((ObjectNode) calls.get(calls.size() - 1)).set("resourcePolicy", Synthesized.JSON.valueToTree(Map.of(
                "Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                        "Principal", Map.of("AWS", "arn:aws:iam::" + IamCheck.ACCOUNT + ":root"), "Action", "kms:*", "Resource", "*")))));
    }

    private static void call(ArrayNode calls, String action, String type, Map<String, String> variables, Map<String, String> context) {
        ObjectNode c = calls.addObject().put("action", action).put("origin", "DMS");
        c.putArray("resources").addObject().put("service", action.substring(0, action.indexOf(':'))).put("type", type)
                .set("variables", Synthesized.JSON.valueToTree(variables));
        c.set("context", Synthesized.JSON.valueToTree(context));
    }

    /** {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ...]]} as the string it is in the aws partition. */
    private static JsonNode resolvePartition(JsonNode node) {
        if (node.isObject() && node.has("Fn::Join")) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : node.get("Fn::Join").get(1)) {
                b.append(part.isTextual() ? part.asText() : resolvePartition(part).asText());
            }
            return Synthesized.JSON.getNodeFactory().textNode(b.toString());
        }
        if (node.isObject() && "AWS::Partition".equals(node.path("Ref").asText())) {
            return Synthesized.JSON.getNodeFactory().textNode(IamCheck.PARTITION);
        }
        if (node.isObject()) {
            ObjectNode copy = Synthesized.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolvePartition(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Synthesized.JSON.createArrayNode();
            node.forEach(n -> copy.add(resolvePartition(n)));
            return copy;
        }
        return node;
    }
}
