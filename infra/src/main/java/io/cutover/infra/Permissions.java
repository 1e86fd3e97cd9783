package io.cutover.infra;

import io.cutover.catalog.AwsCall;
import io.cutover.catalog.AwsResource;
import io.cutover.catalog.Guard;
import io.cutover.catalog.Step;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A step's role policy, derived from its calls in the step catalog ({@link Step#roleCalls()}):
 * calls on the same resources under the same guards share one statement. Scopes:
 * <ul>
 *   <li>tables, the step's own log group, the failure queue: by ARN;</li>
 *   <li>secrets and the DMS secrets-access role: the DatabaseSecretArns and DmsAccessRoleArn parameters;</li>
 *   <li>RDS and DMS resources: their type in this account and region (DMS ARNs end in random ids,
 *       the DB instances are named in run inputs), narrowed by tag conditions where the call
 *       changes something: creates must tag cutover:managed=true, starts only tagged tasks,
 *       promotion only tagged instances;</li>
 *   <li>"*" for actions without a resource type, and for Lambda's network interfaces (as
 *       AWSLambdaVPCAccessExecutionRole).</li>
 * </ul>
 * No statement uses a wildcard action. The iam-check proves every call allowed and every grant
 * used against AWS's Service Authorization Reference.
 */
/** @param s3Target the S3 copy's role, bucket and prefix; null when the deploy names no S3 target bucket */
public record Permissions(Stack stack, Tables tables, DeployParameters parameters, IQueue failureQueue,
                          DmsS3TargetRole s3Target) {

    /** Resources the policy scopes with "*": actions without a resource type, Lambda's network interfaces, metrics. */
    static final Set<AwsResource> STAR = EnumSet.of(AwsResource.NO_RESOURCE_TYPE, AwsResource.NETWORK_INTERFACE,
            AwsResource.SUBNET, AwsResource.METRICS);


    /** Adds every step's statements to its role's default policy. */
    public void grant(StepLambdas lambdas) {
        for (StepLambdas.StepFunction fn : lambdas.all()) {
            for (PolicyStatement statement : statements(fn)) fn.role().addToPrincipalPolicy(statement);
        }
    }

    /** One statement per (resource ARNs, guards), its actions in catalog order. */
    List<PolicyStatement> statements(StepLambdas.StepFunction fn) {
        Map<List<Object>, Set<String>> grouped = new LinkedHashMap<>();
        for (AwsCall call : fn.step().roleCalls()) {
            grouped.computeIfAbsent(List.of(arns(call.resources(), fn), call.guards()), k -> new LinkedHashSet<>())
                    .add(call.action());
        }
        List<PolicyStatement> out = new ArrayList<>();
        grouped.forEach((key, actions) -> {
            @SuppressWarnings("unchecked") List<String> arns = (List<String>) key.get(0);
            if (arns.isEmpty()) return; // the S3 copy's calls in a deploy without an S3 target: not granted
            @SuppressWarnings("unchecked") Set<Guard> guards = (Set<Guard>) key.get(1);
            PolicyStatement.Builder b = PolicyStatement.Builder.create()
                    .effect(Effect.ALLOW)
                    .actions(List.copyOf(actions))
                    .resources(arns);
            if (!guards.isEmpty()) b.conditions(conditions(guards));
            out.add(b.build());
        });
        return out;
    }

    private List<String> arns(List<AwsResource> resources, StepLambdas.StepFunction fn) {
        Set<String> arns = new LinkedHashSet<>();
        for (AwsResource r : resources) {
            if (STAR.contains(r)) {
                arns.add("*");
                continue;
            }
            switch (r) {
                case RUNS_TABLE -> arns.add(tables.runs.getTableArn());
                case APPMAP_TABLE -> arns.add(tables.appMap.getTableArn());
                // A list parameter: alone in its statement (no call names a second resource with it).
                case DATABASE_SECRET -> arns.addAll(parameters.databaseSecretArns.getValueAsList());
                case DMS_SECRETS_ACCESS_ROLE -> arns.add(parameters.dmsAccessRoleArn.getValueAsString());
                case DB_INSTANCE -> arns.add(arn("rds", "db"));
                case DB_CLUSTER -> arns.add(arn("rds", "cluster"));
                case DB_SNAPSHOT -> arns.add(arn("rds", "snapshot"));
                case DB_CLUSTER_SNAPSHOT -> arns.add(arn("rds", "cluster-snapshot"));
                case DB_PARAMETER_GROUP -> arns.add(arn("rds", "pg"));
                case DB_CLUSTER_PARAMETER_GROUP -> arns.add(arn("rds", "cluster-pg"));
                case DMS_ENDPOINT -> arns.add(arn("dms", "endpoint"));
                case DMS_REPLICATION_INSTANCE -> arns.add(arn("dms", "rep"));
                case DMS_TASK -> arns.add(arn("dms", "task"));
                // The group's ARN ends in ":*": its log streams.
                case OWN_LOG_GROUP -> arns.add(fn.logGroup().getLogGroupArn());
                case FAILURE_QUEUE -> arns.add(failureQueue.getQueueArn());
                // The S3 copy's: only with an S3 target deployed (without one its steps fail, recorded, and the run goes on).
                case DMS_S3_TARGET_ROLE -> {
                    if (s3Target != null) arns.add(s3Target.role.getRoleArn());
                }
                case S3_TARGET_BUCKET -> {
                    if (s3Target != null) arns.add(s3Target.bucketArn);
                }
                case S3_TARGET_OBJECTS -> {
                    if (s3Target != null) arns.add(s3Target.bucketArn + "/" + s3Target.prefix + "/*");
                }
                default -> throw new IllegalStateException("no scope for " + r);
            }
        }
        return List.copyOf(arns);
    }

    private Map<String, Object> conditions(Set<Guard> guards) {
        Map<String, Map<String, Object>> byOperator = new TreeMap<>();
        for (Guard guard : guards) {
            switch (guard) {
                case TAGS_ON_CREATE -> {
                    byOperator.computeIfAbsent("StringEquals", k -> new TreeMap<>())
                            .put("aws:RequestTag/" + Guard.MANAGED_TAG_KEY, Guard.MANAGED_TAG_VALUE);
                    byOperator.computeIfAbsent("ForAllValues:StringEquals", k -> new TreeMap<>())
                            .put("aws:TagKeys", List.of(Guard.MANAGED_TAG_KEY, Guard.RUN_ID_TAG_KEY));
                }
                case MANAGED_RESOURCE -> byOperator.computeIfAbsent("StringEquals", k -> new TreeMap<>())
                        .put("aws:ResourceTag/" + Guard.MANAGED_TAG_KEY, Guard.MANAGED_TAG_VALUE);
                case PROMOTABLE_INSTANCE -> byOperator.computeIfAbsent("StringEquals", k -> new TreeMap<>())
                        .put("rds:db-tag/" + parameters.promotableTagKey, parameters.promotableTagValue);
                // DMS is dms.amazonaws.com or its regional principal dms.<region>.amazonaws.com.
                case PASSED_TO_DMS -> byOperator.computeIfAbsent("StringLike", k -> new TreeMap<>())
                        .put("iam:PassedToService", "dms*.amazonaws.com");
                case S3_TARGET_PREFIX -> byOperator.computeIfAbsent("StringLike", k -> new TreeMap<>())
                        .put("s3:prefix", List.of(s3Target.prefix + "/*", s3Target.prefix));
            }
        }
        return new TreeMap<>(byOperator);
    }

    /** e.g. arn:aws:rds:region:account:db:* (RDS and DMS use colon-separated resource names). */
    private String arn(String service, String resourceType) {
        return stack.formatArn(ArnComponents.builder()
                .service(service)
                .resource(resourceType)
                .resourceName("*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }
}
