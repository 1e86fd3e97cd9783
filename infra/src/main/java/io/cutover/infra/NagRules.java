package io.cutover.infra;

import io.cutover.catalog.AwsCall;
import io.cutover.catalog.AwsResource;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * cdk-nag (AwsSolutions) suppressions, each on the one construct it concerns, each with the
 * reason a reviewer needs. IAM5 suppressions name the exact wildcard resource they accept
 * (appliesTo), so any other wildcard still fails the synth; a step gets them only for the
 * resources its catalog calls use, and each reason names the step's actions on that wildcard.
 */
final class NagRules {

    static final String IAM5 = "AwsSolutions-IAM5";
    static final String L1 = "AwsSolutions-L1";
    static final String SQS3 = "AwsSolutions-SQS3";

    static final String ANY = "Resource::*";
    static final String RDS_DB = "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:db:*";
    static final String RDS_CLUSTER = "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:cluster:*";
    static final String RDS_SNAPSHOT = "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:snapshot:*";
    static final String RDS_CLUSTER_SNAPSHOT =
            "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:cluster-snapshot:*";
    static final String RDS_PG = "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:pg:*";
    static final String RDS_CLUSTER_PG = "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:cluster-pg:*";
    static final String DMS_ENDPOINT = "Resource::arn:<AWS::Partition>:dms:<AWS::Region>:<AWS::AccountId>:endpoint:*";
    static final String DMS_REP = "Resource::arn:<AWS::Partition>:dms:<AWS::Region>:<AWS::AccountId>:rep:*";
    static final String DMS_TASK = "Resource::arn:<AWS::Partition>:dms:<AWS::Region>:<AWS::AccountId>:task:*";

    /** Wildcard -> why, for each resource scoped by type in this account and region. */
    private static final Map<AwsResource, String[]> TYPE_WILDCARDS = new LinkedHashMap<>();

    static {
        TYPE_WILDCARDS.put(AwsResource.DB_INSTANCE, new String[]{RDS_DB, "The DB instances are named in each run's "
                + "input, so RDS access is scoped to DB instances of this account and region; rds:PromoteReadReplica "
                + "additionally requires the promotable tag (rds:db-tag condition); rds:RebootDBInstance reboots a migration "
                + "target's instance (an Aurora cluster's writer) for its parameter group's pending-reboot change."});
        TYPE_WILDCARDS.put(AwsResource.DB_CLUSTER, new String[]{RDS_CLUSTER, "The Aurora clusters a migration moves "
                + "from or to are named in each run's input: scoped to DB clusters of this account and region (read only)."});
        TYPE_WILDCARDS.put(AwsResource.DB_SNAPSHOT, new String[]{RDS_SNAPSHOT, "A migration's source snapshot is named "
                + "from the run id when the run starts: scoped to DB snapshots of this account and region (create and "
                + "describe; never delete)."});
        TYPE_WILDCARDS.put(AwsResource.DB_CLUSTER_SNAPSHOT, new String[]{RDS_CLUSTER_SNAPSHOT, "A migration's source "
                + "cluster snapshot is named from the run id when the run starts: scoped to DB cluster snapshots of "
                + "this account and region (create and describe; never delete)."});
        TYPE_WILDCARDS.put(AwsResource.DB_PARAMETER_GROUP, new String[]{RDS_PG, "A migration target's DB parameter group "
                + "is read from RDS when the run starts (replicationRoleRoute parameterGroup): scoped to DB parameter groups "
                + "of this account and region (RDS refuses changes to default.* groups; preflight refuses them first)."});
        TYPE_WILDCARDS.put(AwsResource.DB_CLUSTER_PARAMETER_GROUP, new String[]{RDS_CLUSTER_PG, "A migration target's DB "
                + "cluster parameter group is read from RDS when the run starts (replicationRoleRoute parameterGroup): "
                + "scoped to DB cluster parameter groups of this account and region (default.* groups refused)."});
        TYPE_WILDCARDS.put(AwsResource.DMS_ENDPOINT, new String[]{DMS_ENDPOINT, "DMS endpoint ARNs end in a random id, "
                + "not the endpoint identifier, so they cannot be named in advance: creates require "
                + "aws:RequestTag/cutover:managed=true."});
        TYPE_WILDCARDS.put(AwsResource.DMS_REPLICATION_INSTANCE, new String[]{DMS_REP, "The replication instance comes "
                + "from the run input and its ARN ends in a random id: scoped to this account and region (task "
                + "creation also requires aws:RequestTag/cutover:managed=true)."});
        TYPE_WILDCARDS.put(AwsResource.DMS_TASK, new String[]{DMS_TASK, "DMS task ARNs end in a random id: tagging on "
                + "create requires aws:RequestTag/cutover:managed=true, StartReplicationTask requires "
                + "aws:ResourceTag/cutover:managed=true (only tasks a run created); reads are scoped to tasks of "
                + "this account and region."});
    }

    private NagRules() {
    }

    /** The S3 target role's one wildcard: the objects under its own prefix, which DMS names per table and file. */
    static void suppress(DmsS3TargetRole s3Target, String bucket, String prefix) {
        NagSuppressions.addResourceSuppressions(s3Target.role, List.of(suppression(IAM5, "DMS writes one object per table"
                + " and file (LOAD00000001.csv, change files named by time) under the endpoint's folder: scoped to that"
                + " prefix of that bucket only.", s3Objects(bucket, prefix))));
    }

    static void suppress(CutoverStack stack) {
        for (StepLambdas.StepFunction step : stack.lambdas.all()) {
            suppressStep(step, stack.s3Target);
        }
        for (StateMachines.Deployed machine : stack.stateMachines.all()) {
            NagSuppressions.addResourceSuppressions(machine.stateMachine().getRole(), List.of(suppression(IAM5,
                    "Added by CDK for logging ALL and X-Ray tracing: CloudWatch Logs vended log delivery "
                            + "(logs:CreateLogDelivery, PutResourcePolicy, DescribeLogGroups, ...) and "
                            + "xray:PutTraceSegments/PutTelemetryRecords/GetSampling* have no resource-level "
                            + "permissions; Lambda invocation is scoped to the step aliases.",
                    ANY)), true);
        }
        NagSuppressions.addResourceSuppressions(stack.events.deadLetters, List.of(NagPackSuppression.builder()
                .id(SQS3)
                .reason("This queue is the dead-letter queue (EventBridge target DLQ and the event handler's "
                        + "on-failure destination); a DLQ of a DLQ would only move the same messages.")
                .build()));
    }

    /** The objects under the S3 target prefix, as cdk-nag writes the wildcard. */
    static String s3Objects(String bucket, String prefix) {
        return "Resource::arn:<AWS::Partition>:s3:::" + bucket + "/" + prefix + "/*";
    }

    private static void suppressStep(StepLambdas.StepFunction step, DmsS3TargetRole s3Target) {
        NagSuppressions.addResourceSuppressions(step.function(), List.of(NagPackSuppression.builder()
                .id(L1)
                .reason("java21 is deliberate: the functions module compiles with release 21 and SnapStart is "
                        + "used on java21; moving to a newer Java runtime is a whole-build upgrade, not a "
                        + "deploy setting.")
                .build()));

        List<NagPackSuppression> iam = new ArrayList<>();
        Set<String> onStar = actionsOn(step, Permissions.STAR);
        if (!onStar.isEmpty()) {
            iam.add(suppression(IAM5, "'*' only where IAM allows nothing narrower: actions without a resource type "
                    + "in the Service Authorization Reference, and the network interface calls of "
                    + "AWSLambdaVPCAccessExecutionRole for VPC functions (creates of DMS endpoints and tasks carry "
                    + "tag conditions). Here: " + String.join(", ", onStar) + ".", ANY));
        }
        TYPE_WILDCARDS.forEach((resource, wildcard) -> {
            Set<String> actions = actionsOn(step, EnumSet.of(resource));
            if (!actions.isEmpty()) {
                iam.add(suppression(IAM5, wildcard[1] + " Here: " + String.join(", ", actions) + ".", wildcard[0]));
            }
        });
        Set<String> s3Reads = actionsOn(step, EnumSet.of(AwsResource.S3_TARGET_OBJECTS));
        if (s3Target != null && !s3Reads.isEmpty()) {
            iam.add(suppression(IAM5, "The S3 copy's output check reads the files DMS wrote, one object per table and"
                    + " file under the deployed S3 target prefix, named only at run time: scoped to that prefix of that"
                    + " bucket. Here: " + String.join(", ", s3Reads) + ".", s3Objects(s3Target.bucket, s3Target.prefix)));
        }
        if (!iam.isEmpty()) NagSuppressions.addResourceSuppressions(step.role(), iam, true);
    }

    private static Set<String> actionsOn(StepLambdas.StepFunction step, Set<AwsResource> resources) {
        Set<String> actions = new TreeSet<>();
        for (AwsCall call : step.step().roleCalls()) {
            if (call.resources().stream().anyMatch(resources::contains)) actions.add(call.action());
        }
        return actions;
    }

    private static NagPackSuppression suppression(String id, String reason, String appliesTo) {
        return NagPackSuppression.builder().id(id).reason(reason).appliesTo(List.of(appliesTo)).build();
    }
}
