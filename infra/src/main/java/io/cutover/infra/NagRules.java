package io.cutover.infra;

import io.cutover.infra.StepCatalog.Access;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * cdk-nag (AwsSolutions) suppressions, each on the one construct it concerns, each with the
 * reason a reviewer needs. IAM5 suppressions name the exact wildcard resource they accept
 * (appliesTo), so any other wildcard still fails the synth; and a step only gets the
 * suppressions for the access it actually has.
 */
final class NagRules {

    static final String IAM5 = "AwsSolutions-IAM5";
    static final String L1 = "AwsSolutions-L1";
    static final String SQS3 = "AwsSolutions-SQS3";

    static final String ANY = "Resource::*";
    static final String RDS_DB = "Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:db:*";
    static final String DMS_ENDPOINT = "Resource::arn:<AWS::Partition>:dms:<AWS::Region>:<AWS::AccountId>:endpoint:*";
    static final String DMS_REP = "Resource::arn:<AWS::Partition>:dms:<AWS::Region>:<AWS::AccountId>:rep:*";
    static final String DMS_TASK = "Resource::arn:<AWS::Partition>:dms:<AWS::Region>:<AWS::AccountId>:task:*";

    private static final Set<Access> NEEDS_ANY = EnumSet.of(Access.DMS_DESCRIBE_INSTANCES,
            Access.DMS_DESCRIBE_ENDPOINTS, Access.DMS_DESCRIBE_TASKS, Access.DMS_CREATE_ENDPOINT);

    private NagRules() {
    }

    static void suppress(CutoverStack stack) {
        for (StepLambdas.StepFunction step : stack.lambdas.all()) {
            suppressStep(step);
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

    private static void suppressStep(StepLambdas.StepFunction step) {
        NagSuppressions.addResourceSuppressions(step.function(), List.of(NagPackSuppression.builder()
                .id(L1)
                .reason("java21 is deliberate: the functions module compiles with release 21 and SnapStart is "
                        + "used on java21; moving to a newer Java runtime is a whole-build upgrade, not a "
                        + "deploy setting.")
                .build()));

        Set<Access> access = step.profile().access();
        List<NagPackSuppression> iam = new ArrayList<>();
        if (step.profile().jdbc() || access.stream().anyMatch(NEEDS_ANY::contains)) {
            iam.add(suppression(IAM5, "'*' only for actions without resource-level permissions (IAM Service "
                    + "Authorization Reference): dms:DescribeReplicationInstances/DescribeEndpoints/"
                    + "DescribeConnections/DescribeReplicationTasks; dms:CreateEndpoint (no resource type; "
                    + "allowed only with aws:RequestTag/cutover:managed=true); for the VPC-attached JDBC steps "
                    + "the ENI calls of AWSLambdaVPCAccessExecutionRole. IamPolicyTest pins this list.", ANY));
        }
        if (access.contains(Access.RDS_DESCRIBE) || access.contains(Access.RDS_PROMOTE)) {
            iam.add(suppression(IAM5, "The DB instances are named in each run's input, so RDS access is scoped to "
                    + "DB instances of this account and region; rds:PromoteReadReplica additionally requires the "
                    + "promotable tag (rds:db-tag condition), so only instances an operator tagged can be promoted.",
                    RDS_DB));
        }
        if (access.contains(Access.DMS_CREATE_ENDPOINT) || access.contains(Access.DMS_TEST_CONNECTION)
                || access.contains(Access.DMS_CREATE_TASK)) {
            iam.add(suppression(IAM5, "DMS endpoint ARNs end in a random id, not the endpoint identifier, so they "
                    + "cannot be named in advance: creates require aws:RequestTag/cutover:managed=true, "
                    + "dms:TestConnection (read level) runs on the run's endpoint.", DMS_ENDPOINT));
        }
        if (access.contains(Access.DMS_TEST_CONNECTION) || access.contains(Access.DMS_CREATE_TASK)) {
            iam.add(suppression(IAM5, "The replication instance comes from the run input and its ARN ends in a "
                    + "random id; TestConnection and CreateReplicationTask name it as a resource, scoped to this "
                    + "account and region (task creation also requires aws:RequestTag/cutover:managed=true).",
                    DMS_REP));
        }
        if (access.contains(Access.DMS_CREATE_TASK) || access.contains(Access.DMS_START_TASK)) {
            iam.add(suppression(IAM5, "DMS task ARNs end in a random id: CreateReplicationTask (and tag-on-create) "
                    + "require aws:RequestTag/cutover:managed=true; StartReplicationTask requires "
                    + "aws:ResourceTag/cutover:managed=true, so only tasks this product created can be started.",
                    DMS_TASK));
        }
        if (access.contains(Access.DMS_TABLE_STATISTICS)) {
            iam.add(suppression(IAM5, "DMS task ARNs end in a random id and the status reads the tasks a run created"
                    + " or an operator names: dms:DescribeTableStatistics (read level) is scoped to DMS tasks of this"
                    + " account and region.", DMS_TASK));
        }
        if (!iam.isEmpty()) NagSuppressions.addResourceSuppressions(step.role(), iam, true);
    }

    private static NagPackSuppression suppression(String id, String reason, String appliesTo) {
        return NagPackSuppression.builder().id(id).reason(reason).appliesTo(List.of(appliesTo)).build();
    }
}
