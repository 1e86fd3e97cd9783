package io.cutover.infra;

import io.cutover.infra.StepCatalog.Access;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;

import java.util.List;
import java.util.Map;

/**
 * Turns a step's {@link Access} set into IAM statements, each as narrow as the service allows
 * (checked against the IAM Service Authorization Reference):
 * <ul>
 *   <li>DynamoDB: the item-level calls the adapters make, on the two tables only.</li>
 *   <li>Secrets Manager: GetSecretValue on the DatabaseSecretArns parameter only.</li>
 *   <li>RDS: DescribeDBInstances on DB instances of this account and region; PromoteReadReplica
 *       additionally only where the instance carries the promotable tag (rds:db-tag).</li>
 *   <li>DMS: ARNs carry random ids, not names, so names cannot scope them. Create* require the
 *       cutover:managed=true tag in the request (aws:RequestTag); StartReplicationTask requires it
 *       on the task (aws:ResourceTag), so only tasks this product created can be started.
 *       CreateEndpoint and the Describe* calls have no resource-level permissions: "*".</li>
 *   <li>iam:PassRole: the one DMS secrets-access role, to the DMS service only.</li>
 * </ul>
 * No statement uses a wildcard action.
 */
public final class Permissions {

    /**
     * The DynamoDB calls the adapters make (DynamoRunStore, DynamoAppMap): item reads and
     * conditional writes, Query on a partition (history, waiters), Scan of the small appmap.
     * No batch, transaction, stream or table-level call.
     */
    static final List<String> RUNS_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");
    /** The status reads the run item and the lock item, nothing else. */
    static final List<String> RUNS_READ_ACTIONS = List.of("dynamodb:GetItem");
    static final List<String> APPMAP_READ_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan");
    static final List<String> APPMAP_WRITE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem");

    private final Stack stack;
    private final Tables tables;
    private final DeployParameters parameters;

    public Permissions(Stack stack, Tables tables, DeployParameters parameters) {
        this.stack = stack;
        this.tables = tables;
        this.parameters = parameters;
    }

    /** Grants everything but {@link Access#TASK_CALLBACKS} (that needs the state machines; see StateMachines). */
    public void grant(StepCatalog.StepProfile profile, IRole role) {
        for (Access access : profile.access()) {
            switch (access) {
                case RUNS -> tables.runs.grant(role, RUNS_ACTIONS.toArray(String[]::new));
                case APPMAP_READ -> tables.appMap.grant(role, APPMAP_READ_ACTIONS.toArray(String[]::new));
                case APPMAP_WRITE -> tables.appMap.grant(role, APPMAP_WRITE_ACTIONS.toArray(String[]::new));
                case DATABASE_SECRETS -> role.addToPrincipalPolicy(allow(List.of("secretsmanager:GetSecretValue"),
                        parameters.databaseSecretArns.getValueAsList()));
                case RDS_DESCRIBE -> role.addToPrincipalPolicy(allow(List.of("rds:DescribeDBInstances"),
                        List.of(arn("rds", "db"))));
                case RDS_PROMOTE -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("rds:PromoteReadReplica"))
                        .resources(List.of(arn("rds", "db")))
                        .conditions(Map.of("StringEquals", Map.of(
                                "rds:db-tag/" + parameters.promotableTagKey, parameters.promotableTagValue)))
                        .build());
                case DMS_DESCRIBE_INSTANCES -> role.addToPrincipalPolicy(
                        allow(List.of("dms:DescribeReplicationInstances"), List.of("*")));
                case DMS_DESCRIBE_ENDPOINTS -> role.addToPrincipalPolicy(
                        allow(List.of("dms:DescribeEndpoints", "dms:DescribeConnections"), List.of("*")));
                case DMS_DESCRIBE_TASKS -> role.addToPrincipalPolicy(
                        allow(List.of("dms:DescribeReplicationTasks"), List.of("*")));
                case DMS_CREATE_ENDPOINT -> {
                    // CreateEndpoint has no resource type: "*", but only with the managed tag.
                    role.addToPrincipalPolicy(taggedCreate("dms:CreateEndpoint", List.of("*")));
                    role.addToPrincipalPolicy(taggedCreate("dms:AddTagsToResource", List.of(arn("dms", "endpoint"))));
                    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                            .effect(Effect.ALLOW)
                            .actions(List.of("iam:PassRole"))
                            .resources(List.of(parameters.dmsAccessRoleArn.getValueAsString()))
                            .conditions(Map.of("StringLike", Map.of("iam:PassedToService", "dms*.amazonaws.com")))
                            .build());
                }
                case DMS_TEST_CONNECTION -> role.addToPrincipalPolicy(allow(List.of("dms:TestConnection"),
                        List.of(arn("dms", "endpoint"), arn("dms", "rep"))));
                case DMS_CREATE_TASK -> {
                    role.addToPrincipalPolicy(taggedCreate("dms:CreateReplicationTask",
                            List.of(arn("dms", "endpoint"), arn("dms", "rep"), arn("dms", "task"))));
                    role.addToPrincipalPolicy(taggedCreate("dms:AddTagsToResource", List.of(arn("dms", "task"))));
                }
                case DMS_START_TASK -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("dms:StartReplicationTask"))
                        .resources(List.of(arn("dms", "task")))
                        .conditions(Map.of("StringEquals", Map.of(
                                "aws:ResourceTag/" + DeployParameters.MANAGED_TAG_KEY, DeployParameters.MANAGED_TAG_VALUE)))
                        .build());
                case TASK_CALLBACKS -> {
                    // Granted by StateMachines once the machines exist.
                }
                case RUNS_READ -> tables.runs.grant(role, RUNS_READ_ACTIONS.toArray(String[]::new));
                case DMS_TABLE_STATISTICS -> role.addToPrincipalPolicy(allow(List.of("dms:DescribeTableStatistics"),
                        List.of(arn("dms", "task"))));
            }
        }
    }

    /**
     * A create (or tag-on-create) call allowed only when the request tags the new resource
     * cutover:managed=true and uses no tag keys but the product's two.
     */
    private PolicyStatement taggedCreate(String action, List<String> resources) {
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of(action))
                .resources(resources)
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:RequestTag/" + DeployParameters.MANAGED_TAG_KEY,
                                DeployParameters.MANAGED_TAG_VALUE),
                        "ForAllValues:StringEquals", Map.of("aws:TagKeys",
                                List.of(DeployParameters.MANAGED_TAG_KEY, DeployParameters.RUN_ID_TAG_KEY))))
                .build();
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
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
