package io.cutover.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.catalog.AwsCall;
import io.cutover.catalog.AwsResource;
import io.cutover.catalog.Guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The input of {@code infra/iam-check/check.mjs}, built from the synthesized template and the step
 * catalog, and its run. Every CloudFormation intrinsic in the role policies is resolved to example
 * values for one account and region: parameters to plausible deploy values, stack resources to
 * ARNs built from "Cutover-" + logical id. A declared call's resources become the variables of
 * AWS's ARN pattern for its resource type (check.mjs builds the ARN from AWS's data), and its
 * guards become the request context that satisfies them.
 */
final class IamCheck {
    static final String PARTITION = "aws";
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    static final String SECRET_PATTERN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/*";
    static final String ACCESS_ROLE = "cutover-dms-secrets-access";
    /** A run's id, in the tags of what it creates. */
    static final String RUN_ID = "orders-2026-11-30";

    /** What check.mjs reported. */
    record Report(JsonNode json, int exitCode) {
        List<String> problems() {
            List<String> out = new ArrayList<>();
            json.path("problems").forEach(p -> out.add(p.asText()));
            return out;
        }
    }

    private final Synthesized s;
    private final Map<String, Object> parameters = Map.of(
            "DatabaseSecretArns", List.of(SECRET_PATTERN),
            "DmsAccessRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/" + ACCESS_ROLE);

    IamCheck(Synthesized s) {
        this.s = s;
    }

    /** The input for every deployed step. */
    ObjectNode input() {
        ObjectNode root = Synthesized.JSON.createObjectNode();
        root.put("partition", PARTITION).put("region", REGION).put("account", ACCOUNT);
        ArrayNode steps = root.putArray("steps");
        for (StepLambdas.StepFunction fn : s.stack.lambdas.all()) steps.add(step(fn));
        return root;
    }

    private ObjectNode step(StepLambdas.StepFunction fn) {
        String role = s.logicalId(fn.role());
        JsonNode roleResource = s.resource(role).path("Properties");
        if (roleResource.has("ManagedPolicyArns") || roleResource.has("Policies")) {
            throw new AssertionError(fn.step().name() + ": managed or inline role policies are not checked; use the default policy");
        }
        ObjectNode out = Synthesized.JSON.createObjectNode();
        out.put("step", fn.step().name());
        out.put("principal", "arn:aws:iam::" + ACCOUNT + ":role/" + physicalName(role));
        ArrayNode policies = out.putArray("policies");
        s.resources("AWS::IAM::Policy").forEach((id, policy) -> {
            for (JsonNode r : policy.at("/Properties/Roles")) {
                if (role.equals(Synthesized.referenced(r))) {
                    policies.addObject().put("name", id).set("document", resolve(policy.at("/Properties/PolicyDocument")));
                }
            }
        });
        ArrayNode calls = out.putArray("calls");
        for (AwsCall call : fn.step().roleCalls()) {
            for (Map<String, Object> context : contexts(call)) {
                ObjectNode c = calls.addObject();
                c.put("action", call.action()).put("origin", call.origin().name()).put("cause", call.cause());
                ArrayNode resources = c.putArray("resources");
                for (AwsResource r : call.resources()) {
                    if (r == AwsResource.NO_RESOURCE_TYPE) continue;
                    resources.addObject().put("service", r.service()).put("type", r.resourceType())
                            .set("variables", Synthesized.JSON.valueToTree(variables(r, fn)));
                }
                c.set("context", Synthesized.JSON.valueToTree(context));
            }
        }
        return out;
    }

    /** Example values of the variables in AWS's ARN pattern of the resource type. */
    private Map<String, String> variables(AwsResource r, StepLambdas.StepFunction fn) {
        return switch (r) {
            case NO_RESOURCE_TYPE -> Map.of();
            case RUNS_TABLE -> Map.of("TableName", physicalName(s.logicalId(s.stack.tables.runs)));
            case APPMAP_TABLE -> Map.of("TableName", physicalName(s.logicalId(s.stack.tables.appMap)));
            case DATABASE_SECRET -> Map.of("SecretId", "cutover/orders-replica-admin-Ef34Gh");
            case DMS_SECRETS_ACCESS_ROLE -> Map.of("RoleNameWithPath", ACCESS_ROLE);
            case DB_INSTANCE -> Map.of("DbInstanceName", "orders-prod-replica");
            case DB_CLUSTER -> Map.of("DbClusterInstanceName", "orders-aurora");
            case DB_SNAPSHOT -> Map.of("SnapshotName", "cutover-" + RUN_ID + "-source");
            case DB_CLUSTER_SNAPSHOT -> Map.of("ClusterSnapshotName", "cutover-" + RUN_ID + "-source");
            case DB_PARAMETER_GROUP -> Map.of("ParameterGroupName", "orders-target-pg16");
            case DB_CLUSTER_PARAMETER_GROUP -> Map.of("ClusterParameterGroupName", "orders-aurora-v2-params");
            // AWS's patterns for DMS end in a literal '*' (arn:...:endpoint:*): nothing to fill in.
            case DMS_ENDPOINT, DMS_REPLICATION_INSTANCE, DMS_TASK -> Map.of();
            case OWN_LOG_GROUP -> Map.of("LogGroupName", physicalName(s.logicalId(fn.logGroup())),
                    "LogStreamName", "2026/11/30/[$LATEST]0123456789abcdef");
            case NETWORK_INTERFACE -> Map.of("NetworkInterfaceId", "eni-0123456789abcdef0");
            case METRICS -> Map.of("DatasetId", "example");
            case SUBNET -> Map.of("SubnetId", "subnet-0aaaaaaaaaaaaaaaa");
            case FAILURE_QUEUE -> Map.of("QueueName", physicalName(s.logicalId(s.stack.events.deadLetters)));
            case DMS_S3_TARGET_ROLE -> Map.of("RoleNameWithPath", physicalName(s.logicalId(s.stack.s3Target.role)));
            case S3_TARGET_BUCKET -> Map.of("BucketName", Synthesized.S3_BUCKET);
            case S3_TARGET_OBJECTS -> Map.of("BucketName", Synthesized.S3_BUCKET,
                    "ObjectName", Synthesized.S3_PREFIX + "/" + RUN_ID + "/public/orders/LOAD00000001.csv");
        };
    }

    /** The request context of the call under its guards; PassRole is checked with both DMS principals. */
    private List<Map<String, Object>> contexts(AwsCall call) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Guard guard : call.guards()) {
            switch (guard) {
                case TAGS_ON_CREATE -> out.forEach(c -> {
                    c.put("aws:RequestTag/" + Guard.MANAGED_TAG_KEY, Guard.MANAGED_TAG_VALUE);
                    c.put("aws:RequestTag/" + Guard.RUN_ID_TAG_KEY, RUN_ID);
                    c.put("aws:TagKeys", List.of(Guard.MANAGED_TAG_KEY, Guard.RUN_ID_TAG_KEY));
                });
                case MANAGED_RESOURCE -> out.forEach(c -> c.put("aws:ResourceTag/" + Guard.MANAGED_TAG_KEY,
                        Guard.MANAGED_TAG_VALUE));
                case PROMOTABLE_INSTANCE -> out.forEach(c -> {
                    c.put("rds:db-tag/" + s.stack.parameters.promotableTagKey, s.stack.parameters.promotableTagValue);
                    c.put("aws:ResourceTag/" + s.stack.parameters.promotableTagKey, s.stack.parameters.promotableTagValue);
                });
                case S3_TARGET_PREFIX -> out.forEach(c -> c.put("s3:prefix", Synthesized.S3_PREFIX + "/" + RUN_ID
                        + "/public/orders/"));
                case PASSED_TO_DMS -> {
                    List<Map<String, Object>> both = new ArrayList<>();
                    for (Map<String, Object> c : out) {
                        for (String principal : List.of("dms.amazonaws.com", "dms." + REGION + ".amazonaws.com")) {
                            Map<String, Object> copy = new LinkedHashMap<>(c);
                            copy.put("iam:PassedToService", principal);
                            both.add(copy);
                        }
                    }
                    out = both;
                }
            }
        }
        return out;
    }

    /** The node with every Ref, Fn::GetAtt and Fn::Join replaced by its example value. */
    JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = Synthesized.JSON.createArrayNode();
            for (JsonNode n : node) {
                JsonNode r = resolve(n);
                if (r.isArray() && n.has("Ref")) r.forEach(out::add);  // a list parameter inside a list
                else out.add(r);
            }
            return out;
        }
        if (!node.isObject()) return node;
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode arg = node.get(key);
            switch (key) {
                case "Ref" -> {
                    return Synthesized.JSON.valueToTree(ref(arg.asText()));
                }
                case "Fn::GetAtt" -> {
                    return Synthesized.JSON.valueToTree(arn(arg.get(0).asText(), arg.get(1).asText()));
                }
                case "Fn::Join" -> {
                    List<String> parts = new ArrayList<>();
                    resolve(arg.get(1)).forEach(p -> parts.add(p.asText()));
                    return Synthesized.JSON.valueToTree(String.join(arg.get(0).asText(), parts));
                }
                default -> {
                    if (key.startsWith("Fn::")) throw new AssertionError("intrinsic " + key + " not resolved: " + node);
                }
            }
        }
        ObjectNode out = Synthesized.JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), resolve(e.getValue()));
        }
        return out;
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Partition" -> {
                return PARTITION;
            }
            case "AWS::Region" -> {
                return REGION;
            }
            case "AWS::AccountId" -> {
                return ACCOUNT;
            }
            default -> {
            }
        }
        if (parameters.containsKey(name)) return parameters.get(name);
        if (s.json.path("Parameters").has(name)) throw new AssertionError("no example value for parameter " + name);
        String type = s.resource(name).path("Type").asText();
        return switch (type) {
            case "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::IAM::Role" -> physicalName(name);
            default -> throw new AssertionError("no example value for {\"Ref\": \"" + name + "\"} (" + type + ")");
        };
    }

    private String arn(String logicalId, String attribute) {
        String type = s.resource(logicalId).path("Type").asText();
        String name = physicalName(logicalId);
        if (!attribute.equals("Arn")) throw new AssertionError("no example value for " + logicalId + "." + attribute);
        return switch (type) {
            case "AWS::DynamoDB::Table" -> "arn:" + PARTITION + ":dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
            case "AWS::Logs::LogGroup" -> "arn:" + PARTITION + ":logs:" + REGION + ":" + ACCOUNT + ":log-group:" + name + ":*";
            case "AWS::SQS::Queue" -> "arn:" + PARTITION + ":sqs:" + REGION + ":" + ACCOUNT + ":" + name;
            case "AWS::IAM::Role" -> "arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/" + name;
            default -> throw new AssertionError("no example ARN for " + logicalId + " (" + type + ")");
        };
    }

    private static String physicalName(String logicalId) {
        return "Cutover-" + logicalId;
    }

    /** Writes the input to {@code file} and runs check.mjs on it. */
    static Report run(Path repoRoot, JsonNode input, Path file) throws IOException, InterruptedException {
        Path checkDir = repoRoot.resolve("infra/iam-check");
        if (!Files.isDirectory(checkDir.resolve("node_modules/@cloud-copilot/iam-simulate"))) {
            throw new AssertionError("The iam-check's npm packages are not installed: run `npm ci` in " + checkDir
                    + " (the infra module's build does it before the tests)");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, input.toPrettyString());
        Process process = new ProcessBuilder("node", checkDir.resolve("check.mjs").toString(), file.toString())
                .directory(checkDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("iam-check timed out");
        }
        return new Report(Synthesized.JSON.readTree(out), process.exitValue());
    }
}
