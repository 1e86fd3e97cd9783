package io.cutover.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole product in one stack: tables, one function per step, one state machine per ASL
 * file, the EventBridge wiring that moves waiting runs on, and run outcome notifications.
 * Which functions exist follows from the ASL files: every {@code ${<Step>FunctionArn}} in
 * {@code statemachines/*.asl.json} becomes the function for {@code io.cutover.handler.<group>.<Step>Handler}.
 */
public final class CutoverStack extends Stack {

    public final DeployParameters parameters;
    public final Tables tables;
    public final StepLambdas lambdas;
    public final StateMachines stateMachines;
    public final EventWiring events;
    public final Notifications notifications;

    public CutoverStack(Construct scope, String id, StackProps props, RepoLayout layout) {
        super(scope, id, props);
        List<AslDefinition> definitions = AslDefinition.discover(layout.stateMachines());

        parameters = new DeployParameters(this);
        tables = new Tables(this, "Tables");
        Permissions permissions = new Permissions(this, tables, parameters);
        lambdas = new StepLambdas(this, "Steps", deployedSteps(definitions), layout.lambdaJar(), tables, parameters,
                permissions);
        stateMachines = new StateMachines(this, "StateMachines", definitions, lambdas);
        events = new EventWiring(this, "Events", lambdas.step(StepCatalog.RESOURCE_EVENT));
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
        CfnOutput.Builder.create(this, "EventDeadLetterQueueUrl").value(events.deadLetters.getQueueUrl()).build();
        CfnOutput.Builder.create(this, "StatusFunctionArn")
                .value(lambdas.step(StepCatalog.STATUS).alias().getFunctionArn())
                .description("aws lambda invoke --function-name <this> --payload '{\"sourceId\":..,\"replicaId\":..}' out.json;"
                        + " ./status --report out.json")
                .build();
    }

    /** Every step any ASL file calls (checked against the catalog), plus the event handler, appmap administration and the status function. */
    static List<String> deployedSteps(List<AslDefinition> definitions) {
        Set<String> steps = new LinkedHashSet<>();
        for (AslDefinition d : definitions) {
            for (String step : d.steps()) {
                StepCatalog.require(step, d.file().getFileName().toString());
                steps.add(step);
            }
        }
        steps.add(StepCatalog.RESOURCE_EVENT);
        steps.add(StepCatalog.APPMAP_ADMIN);
        steps.add(StepCatalog.STATUS);
        return List.copyOf(steps);
    }
}
