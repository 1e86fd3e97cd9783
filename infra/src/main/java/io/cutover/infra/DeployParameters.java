package io.cutover.infra;

import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

import java.util.Arrays;
import java.util.List;

/**
 * What differs per account and is known only at deploy time, as CloudFormation parameters
 * ({@code cdk deploy --parameters Name=value}), plus the few settings that shape the template
 * itself, as CDK context ({@code cdk deploy -c key=value} or cdk.json). docs/DEPLOY.md lists each.
 */
public final class DeployParameters {

    /** Context keys and their defaults. */
    public static final String CTX_PROMOTABLE_TAG_KEY = "cutover:promotableTagKey";
    public static final String CTX_PROMOTABLE_TAG_VALUE = "cutover:promotableTagValue";
    public static final String CTX_DATABASE_PORTS = "cutover:databasePorts";
    public static final String DEFAULT_PROMOTABLE_TAG_KEY = "cutover:allowed";
    public static final String DEFAULT_PROMOTABLE_TAG_VALUE = "true";
    public static final String DEFAULT_DATABASE_PORTS = "5432,1521";

    public final CfnParameter vpcId;
    public final CfnParameter privateSubnetIds;
    public final CfnParameter extraSecurityGroupIds;
    public final CfnCondition hasExtraSecurityGroups;
    public final CfnParameter databaseSecretArns;
    public final CfnParameter dmsAccessRoleArn;
    public final CfnParameter notificationEmail;
    public final CfnCondition hasNotificationEmail;
    public final String promotableTagKey;
    public final String promotableTagValue;
    public final List<Integer> databasePorts;

    public DeployParameters(Construct scope) {
        vpcId = parameter(scope, "VpcId", "AWS::EC2::VPC::Id",
                "VPC of the source and replica databases; the JDBC steps run in it.").build();
        privateSubnetIds = parameter(scope, "PrivateSubnetIds", "List<AWS::EC2::Subnet::Id>",
                "Private subnets (of VpcId) for the JDBC steps; they need routes to the databases "
                        + "and to DynamoDB, Secrets Manager, RDS and DMS (NAT gateway or VPC endpoints).").build();
        extraSecurityGroupIds = parameter(scope, "ExtraSecurityGroupIds", "CommaDelimitedList",
                "Optional security groups added to the JDBC steps, e.g. one your databases already "
                        + "allow. Empty: only the stack's DbClientSecurityGroup.").defaultValue("").build();
        hasExtraSecurityGroups = notEmpty(scope, "HasExtraSecurityGroups",
                Fn.join("", extraSecurityGroupIds.getValueAsList()));
        databaseSecretArns = parameter(scope, "DatabaseSecretArns", "CommaDelimitedList",
                "ARNs or ARN patterns of the Secrets Manager secrets the steps may read, e.g. "
                        + "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/*").build();
        dmsAccessRoleArn = parameter(scope, "DmsAccessRoleArn", "String",
                "The IAM role DMS assumes to read endpoint secrets (SecretsManagerAccessRoleArn); "
                        + "the only role the steps may pass.")
                .allowedPattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$").build();
        notificationEmail = parameter(scope, "NotificationEmail", "String",
                "Optional e-mail address subscribed to run outcome notifications.").defaultValue("").build();
        hasNotificationEmail = notEmpty(scope, "HasNotificationEmail", notificationEmail.getValueAsString());

        promotableTagKey = context(scope, CTX_PROMOTABLE_TAG_KEY, DEFAULT_PROMOTABLE_TAG_KEY);
        promotableTagValue = context(scope, CTX_PROMOTABLE_TAG_VALUE, DEFAULT_PROMOTABLE_TAG_VALUE);
        databasePorts = Arrays.stream(context(scope, CTX_DATABASE_PORTS, DEFAULT_DATABASE_PORTS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    private static CfnParameter.Builder parameter(Construct scope, String id, String type, String description) {
        return CfnParameter.Builder.create(scope, id).type(type).description(description);
    }

    private static CfnCondition notEmpty(Construct scope, String id, String value) {
        return CfnCondition.Builder.create(scope, id).expression(Fn.conditionNot(Fn.conditionEquals(value, ""))).build();
    }

    private static String context(Construct scope, String key, String fallback) {
        Object value = Stack.of(scope).getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
