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
        vpcId = CfnParameter.Builder.create(scope, "VpcId")
                .type("AWS::EC2::VPC::Id")
                .description("VPC of the source and replica databases; the JDBC steps run in it.")
                .build();
        privateSubnetIds = CfnParameter.Builder.create(scope, "PrivateSubnetIds")
                .type("List<AWS::EC2::Subnet::Id>")
                .description("Private subnets (of VpcId) for the JDBC steps; they need routes to the databases "
                        + "and to DynamoDB, Secrets Manager, RDS and DMS (NAT gateway or VPC endpoints).")
                .build();
        extraSecurityGroupIds = CfnParameter.Builder.create(scope, "ExtraSecurityGroupIds")
                .type("CommaDelimitedList")
                .defaultValue("")
                .description("Optional security groups added to the JDBC steps, e.g. one your databases already "
                        + "allow. Empty: only the stack's DbClientSecurityGroup.")
                .build();
        hasExtraSecurityGroups = CfnCondition.Builder.create(scope, "HasExtraSecurityGroups")
                .expression(Fn.conditionNot(Fn.conditionEquals(
                        Fn.join("", extraSecurityGroupIds.getValueAsList()), "")))
                .build();
        databaseSecretArns = CfnParameter.Builder.create(scope, "DatabaseSecretArns")
                .type("CommaDelimitedList")
                .description("ARNs or ARN patterns of the Secrets Manager secrets the steps may read, e.g. "
                        + "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cutover/*")
                .build();
        dmsAccessRoleArn = CfnParameter.Builder.create(scope, "DmsAccessRoleArn")
                .type("String")
                .allowedPattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")
                .description("The IAM role DMS assumes to read endpoint secrets (SecretsManagerAccessRoleArn); "
                        + "the only role the steps may pass.")
                .build();
        notificationEmail = CfnParameter.Builder.create(scope, "NotificationEmail")
                .type("String")
                .defaultValue("")
                .description("Optional e-mail address subscribed to run outcome notifications.")
                .build();
        hasNotificationEmail = CfnCondition.Builder.create(scope, "HasNotificationEmail")
                .expression(Fn.conditionNot(Fn.conditionEquals(notificationEmail.getValueAsString(), "")))
                .build();

        promotableTagKey = context(scope, CTX_PROMOTABLE_TAG_KEY, DEFAULT_PROMOTABLE_TAG_KEY);
        promotableTagValue = context(scope, CTX_PROMOTABLE_TAG_VALUE, DEFAULT_PROMOTABLE_TAG_VALUE);
        databasePorts = Arrays.stream(context(scope, CTX_DATABASE_PORTS, DEFAULT_DATABASE_PORTS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    private static String context(Construct scope, String key, String fallback) {
        Object value = Stack.of(scope).getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
