package io.cutover.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import io.cutover.catalog.Invocation;
import io.cutover.catalog.Step;
import io.cutover.catalog.StepCatalog;
import software.constructs.Construct;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole product in one stack: tables, one function per step, one state machine per ASL
 * file, the EventBridge wiring that moves waiting runs on, and run outcome notifications.
 * Which functions exist follows from the ASL files: every {@code ${<Step>FunctionArn}} in
 * {@code statemachines/*.asl.json} becomes the function of that step in the step catalog
 * ({@link StepCatalog}: handler, memory, timeout, VPC, IAM), plus the catalog's steps no state
 * machine invokes.
 */
public final class CutoverStack extends Stack {

    public final DeployParameters parameters;
    public final Tables tables;
    public final StepLambdas lambdas;
    public final StateMachines stateMachines;
    public final EventWiring events;
    public final Notifications notifications;
    /** The S3 copy's role, bucket and prefix; null when the deploy names no S3 target bucket. */
    public final DmsS3TargetRole s3Target;

    public CutoverStack(Construct scope, String id, StackProps props, RepoLayout layout) {
        super(scope, id, props);
        List<AslDefinition> definitions = AslDefinition.discover(layout.stateMachines());

        parameters = new DeployParameters(this);
        tables = new Tables(this, "Tables");
        lambdas = new StepLambdas(this, "Steps", deployedSteps(definitions), layout.lambdaJar(), tables, parameters);
        stateMachines = new StateMachines(this, "StateMachines", definitions, lambdas);
        events = new EventWiring(this, "Events", lambdas.step(StepCatalog.RESOURCE_EVENT));
        // Only when the deploy names an S3 target bucket (-c cutover:s3TargetBucket=... -c cutover:s3TargetPrefix=...).
        s3Target = DmsS3TargetRole.fromContext(this, "DmsS3Target");
        new Permissions(this, tables, parameters, events.deadLetters, s3Target).grant(lambdas);
        notifications = new Notifications(this, "Notifications",
                stateMachines.all().stream().map(m -> m.stateMachine().getStateMachineArn()).toList(), parameters);
        NagRules.suppress(this);

        CfnOutput.Builder.create(this, "RunsTableName").value(tables.runs.getTableName()).build();
        CfnOutput.Builder.create(this, "AppMapTableName").value(tables.appMap.getTableName()).build();
        CfnOutput.Builder.create(this, "DbClientSecurityGroupId")
                .value(lambdas.dbClientSecurityGroup.getAttrGroupId())
                .description("Allow inbound from this security group on your databases' security groups")
                .build();
        CfnOutput.Builder.create(this, "AppMapAdminFunctionArn")
                .value(lambdas.step(StepCatalog.APPMAP_ADMIN).alias().getFunctionArn())
                .description("aws lambda invoke --function-name <this> --payload '{\"action\":\"list\"}' (appmap load, list, show)")
                .build();
        if (s3Target != null) {
            CfnOutput.Builder.create(this, "DmsS3TargetRoleArn").value(s3Target.role.getRoleArn())
                    .description("ServiceAccessRoleArn of the S3 target endpoint (writes under the deployed prefix only)")
                    .build();
        }
        CfnOutput.Builder.create(this, "EventDeadLetterQueueUrl").value(events.deadLetters.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "StatusFunctionArn")
                .value(lambdas.step(StepCatalog.STATUS).alias().getFunctionArn())
                .description("aws lambda invoke --function-name <this> --payload '{\"sourceId\":..,\"replicaId\":..}' out.json;"
                        + " ./status --report out.json")
                .build();
    }

    /**
     * Every step any ASL file calls, then the catalog's steps outside state machines. The ASL files
     * and the catalog must agree: a step an ASL file names must be in the catalog, and a catalog
     * step invoked by state machines must be named by an ASL file.
     */
    static List<Step> deployedSteps(List<AslDefinition> definitions) {
        Set<Step> steps = new LinkedHashSet<>();
        for (AslDefinition d : definitions) {
            for (String step : d.steps()) {
                steps.add(StepCatalog.require(step, "${" + AslDefinition.placeholderOf(step) + "} in "
                        + d.file().getFileName()));
            }
        }
        List<String> unused = StepCatalog.all().stream()
                .filter(st -> st.invocation() == Invocation.STATE_MACHINE && !steps.contains(st)).map(Step::name).toList();
        if (!unused.isEmpty()) {
            throw new IllegalStateException("Steps of " + StepCatalog.class.getName() + " that no ASL file in "
                    + definitions.get(0).file().getParent() + " calls: " + String.join(", ", unused)
                    + " (remove them, or mark those invoked outside state machines with their Invocation)");
        }
        steps.addAll(StepCatalog.outsideStateMachines());
        return List.copyOf(steps);
    }
}
