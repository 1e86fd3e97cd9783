package io.cutover.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.kms.CfnKey;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.CfnTopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Run outcomes to an SNS topic: a rule on Step Functions execution status changes of this
 * stack's state machines (SUCCEEDED, FAILED, TIMED_OUT, ABORTED). The topic is encrypted with a
 * customer managed key because EventBridge cannot publish to a topic under the AWS managed SNS
 * key; the key policy is written out (no "kms:*"): the account administers the key, EventBridge
 * may only encrypt for the topic.
 */
public final class Notifications extends Construct {

    public static final String STATES_SOURCE = "aws.states";
    public static final String STATES_DETAIL_TYPE = "Step Functions Execution Status Change";
    public static final List<String> FINAL_STATUSES = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    /** Key administration, enumerated. Includes PutKeyPolicy, so the account can never be locked out. */
    static final List<String> KEY_ADMIN_ACTIONS = List.of(
            "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:CreateGrant", "kms:DeleteAlias", "kms:DescribeKey",
            "kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation",
            "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListGrants",
            "kms:ListKeyPolicies", "kms:ListKeyRotations", "kms:ListResourceTags", "kms:PutKeyPolicy",
            "kms:RetireGrant", "kms:RevokeGrant", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
            "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription");

    public final Topic topic;
    public final Rule outcomes;

    public Notifications(Construct scope, String id, List<String> stateMachineArns, DeployParameters parameters) {
        super(scope, id);
        Stack stack = Stack.of(this);
        CfnKey cfnKey = CfnKey.Builder.create(this, "TopicKey")
                .description("cutover run notifications (SNS topic encryption)")
                .enableKeyRotation(true)
                .keyPolicy(Map.of(
                        "Version", "2012-10-17",
                        "Statement", List.of(
                                Map.of("Sid", "AccountAdministersKey",
                                        "Effect", "Allow",
                                        "Principal", Map.of("AWS", "arn:" + stack.getPartition() + ":iam::"
                                                + stack.getAccount() + ":root"),
                                        "Action", KEY_ADMIN_ACTIONS,
                                        "Resource", "*"),
                                Map.of("Sid", "EventBridgePublishesToTopic",
                                        "Effect", "Allow",
                                        "Principal", Map.of("Service", "events.amazonaws.com"),
                                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                                        "Resource", "*")
                        )))
                .build();
        topic = Topic.Builder.create(this, "RunOutcomes")
                .displayName("cutover run outcomes")
                .enforceSsl(true)
                .build();
        // Set on the L1 resource, not as the L2 masterKey: the SnsTopic target would otherwise add
        // its own key policy statement (with kms:GenerateDataKey*) next to the one above.
        ((CfnTopic) topic.getNode().getDefaultChild()).setKmsMasterKeyId(cfnKey.getAttrArn());

        outcomes = Rule.Builder.create(this, "ExecutionOutcomes")
                .description("cutover runs that ended (succeeded, failed, timed out, aborted) to SNS")
                .eventPattern(EventPattern.builder()
                        .source(List.of(STATES_SOURCE))
                        .detailType(List.of(STATES_DETAIL_TYPE))
                        .detail(Map.of(
                                "status", FINAL_STATUSES,
                                "stateMachineArn", stateMachineArns))
                        .build())
                .targets(List.of(SnsTopic.Builder.create(topic)
                        .message(RuleTargetInput.fromObject(Map.of(
                                "run", EventField.fromPath("$.detail.name"),
                                "status", EventField.fromPath("$.detail.status"),
                                "stateMachineArn", EventField.fromPath("$.detail.stateMachineArn"),
                                "executionArn", EventField.fromPath("$.detail.executionArn"),
                                "startDate", EventField.fromPath("$.detail.startDate"),
                                "stopDate", EventField.fromPath("$.detail.stopDate"))))
                        .build()))
                .build();
        // The SnsTopic target lets the EventBridge service publish; only this rule may.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OnlyTheOutcomeRulePublishes")
                .effect(Effect.DENY)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnNotEquals", Map.of("aws:SourceArn", outcomes.getRuleArn())))
                .build());

        CfnSubscription email = CfnSubscription.Builder.create(this, "EmailSubscription")
                .topicArn(topic.getTopicArn())
                .protocol("email")
                .endpoint(parameters.notificationEmail.getValueAsString())
                .build();
        email.getCfnOptions().setCondition(parameters.hasNotificationEmail);

        CfnOutput.Builder.create(stack, "RunOutcomesTopicArn")
                .value(topic.getTopicArn())
                .description("SNS topic notified when a cutover run ends; subscribe to it")
                .build();
    }
}
