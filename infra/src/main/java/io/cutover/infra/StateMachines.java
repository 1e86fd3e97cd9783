package io.cutover.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.CfnStateMachine;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Standard state machine per ASL file. The definition is the file's text, inline
 * ({@code DefinitionBody.fromString}), and CloudFormation's DefinitionSubstitutions replace each
 * {@code ${<Step>FunctionArn}} with the ARN of that step's {@code live} alias. So what AWS runs
 * is byte for byte what the local engine runs, with only the function ARNs filled in.
 */
public final class StateMachines extends Construct {

    /** A deployed machine with the file it came from. */
    public record Deployed(AslDefinition definition, StateMachine stateMachine, LogGroup logGroup) {
    }

    private final List<Deployed> machines = new ArrayList<>();

    public StateMachines(Construct scope, String id, List<AslDefinition> definitions, StepLambdas lambdas) {
        super(scope, id);
        for (AslDefinition definition : definitions) {
            machines.add(create(definition, lambdas));
        }
    }

    private Deployed create(AslDefinition definition, StepLambdas lambdas) {
        String pascal = definition.pascalName();
        Construct scope = new Construct(this, pascal);
        LogGroup logGroup = LogGroup.Builder.create(scope, "Logs")
                // The /aws/vendedlogs/ prefix keeps the CloudWatch Logs resource policy small. The
                // stack id's UUID makes the name unique per stack instance: the group is retained,
                // and a later deploy of the same stack name must not collide with it.
                .logGroupName(Fn.join("", List.of("/aws/vendedlogs/states/", Stack.of(this).getStackName(), "-",
                        definition.name(), "-", Fn.select(2, Fn.split("/", Stack.of(this).getStackId())))))
                .retention(RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        Map<String, String> substitutions = new LinkedHashMap<>();
        for (String placeholder : definition.placeholders()) {
            StepLambdas.StepFunction step = lambdas.step(AslDefinition.stepOf(placeholder));
            substitutions.put(placeholder, step.alias().getFunctionArn());
        }

        StateMachine stateMachine = StateMachine.Builder.create(scope, "StateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(definition.content()))
                .definitionSubstitutions(substitutions)
                .logs(LogOptions.builder()
                        .destination(logGroup)
                        .level(LogLevel.ALL)
                        // Inputs carry secret ARNs, never secrets: execution data may be logged.
                        .includeExecutionData(true)
                        .build())
                .tracingEnabled(true)
                .comment(definition.name() + " runbook (" + definition.file().getFileName() + ")")
                .build();
        ((CfnStateMachine) stateMachine.getNode().getDefaultChild()).overrideLogicalId(pascal + "StateMachine");

        // The machine is the only caller of its step functions, and only of their aliases.
        for (String step : definition.steps()) {
            lambdas.step(step).alias().grantInvoke(stateMachine);
        }

        CfnOutput.Builder.create(Stack.of(this), pascal + "StateMachineArn")
                .value(stateMachine.getStateMachineArn())
                .description("aws stepfunctions start-execution --state-machine-arn <this> (" + definition.name() + ")")
                .build();
        return new Deployed(definition, stateMachine, logGroup);
    }

    public List<Deployed> all() {
        return List.copyOf(machines);
    }
}
