package io.cutover.infra;

import io.cutover.infra.StepCatalog.StepProfile;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;

/**
 * One Lambda function per step, all from the one shaded jar. Each function has its own role
 * (least privilege per step), its own log group (JSON logs), and a {@code live} alias on a
 * published version: SnapStart only applies to published versions, and the state machines and
 * EventBridge call the alias, never {@code $LATEST}.
 */
public final class StepLambdas extends Construct {
    /** Read by io.cutover.handler.promote.PreflightHandler (the name is the handler's constant). */
    static final String PROMOTABLE_TAG_ENV = "CUTOVER_PROMOTABLE_TAG";

    public static final String ALIAS_NAME = "live";

    /** A deployed step. */
    public record StepFunction(StepProfile profile, Function function, Alias alias, Role role, LogGroup logGroup) {
    }

    private final Map<String, StepFunction> steps = new LinkedHashMap<>();
    /** Security group of the JDBC steps; databases must allow it in (see DEPLOY.md). */
    public final CfnSecurityGroup dbClientSecurityGroup;

    public StepLambdas(Construct scope, String id, Collection<String> stepNames, Path lambdaJar, Tables tables,
                       DeployParameters parameters, Permissions permissions) {
        super(scope, id);
        Map<String, String> handlers = requireHandlers(lambdaJar, stepNames);
        Code code = Code.fromAsset(lambdaJar.toString());

        dbClientSecurityGroup = CfnSecurityGroup.Builder.create(this, "DbClientSecurityGroup")
                .vpcId(parameters.vpcId.getValueAsString())
                .groupDescription("cutover JDBC steps: outbound to the databases and HTTPS to AWS APIs only")
                .securityGroupEgress(egressRules(parameters.databasePorts))
                .build();
        dbClientSecurityGroup.overrideLogicalId("DbClientSecurityGroup");

        for (String step : stepNames) {
            StepProfile profile = StepCatalog.require(step, "the deployed steps");
            steps.put(step, create(profile, handlers.get(step), code, tables, parameters, permissions));
        }
    }

    private StepFunction create(StepProfile profile, String handlerClass, Code code, Tables tables,
                                DeployParameters parameters, Permissions permissions) {
        Construct scope = new Construct(this, profile.step());
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("cutover step " + profile.step() + ": " + profile.purpose())
                .build();
        LogGroup logGroup = LogGroup.Builder.create(scope, "Logs")
                .retention(RetentionDays.ONE_YEAR)
                // Logs are the audit trail of a cutover: they stay after the stack is gone.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // Only this function's own log group (the log group exists, so no CreateLogGroup).
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());

        Function function = Function.Builder.create(scope, "Function")
                .description("cutover " + profile.step() + ": " + profile.purpose())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(handlerClass + "::handleRequest")
                .code(code)
                .memorySize(profile.memoryMb())
                .timeout(Duration.seconds(profile.timeoutSeconds()))
                .role(role)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logGroup)
                // Handlers print one JSON line per step outcome with a "level" field; JSON format
                // keeps them as structured records and lets the level filter apply.
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .environment(Map.of(
                        Tables.RUNS_TABLE_ENV, tables.runs.getTableName(),
                        Tables.APPMAP_TABLE_ENV, tables.appMap.getTableName(),
                        // Preflight refuses early a replica IAM would not let PromoteReplica promote.
                        PROMOTABLE_TAG_ENV, parameters.promotableTagKey + "=" + parameters.promotableTagValue))
                .build();
        CfnFunction cfn = (CfnFunction) function.getNode().getDefaultChild();
        // Stable, readable logical ids: `sam local invoke PreflightFunction`, DEPLOY.md, tests.
        cfn.overrideLogicalId(profile.step() + "Function");

        if (profile.jdbc()) placeInVpc(cfn, role, parameters);
        permissions.grant(profile, role);

        // CDK warns that SnapStart needs a published version: the alias below publishes one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published through currentVersion and invoked only through the live alias");
        Alias alias = Alias.Builder.create(scope, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        return new StepFunction(profile, function, alias, role, logGroup);
    }

    /**
     * The JDBC steps reach the databases from the given private subnets. The parameters are
     * deploy-time lists, so the VPC config is set on the L1 resource; the ENI permissions Lambda
     * needs are added to the role's default policy, which the function depends on (Lambda checks
     * them when the function is created).
     */
    private void placeInVpc(CfnFunction cfn, Role role, DeployParameters parameters) {
        List<String> securityGroups = Token.asList(Fn.conditionIf(
                parameters.hasExtraSecurityGroups.getLogicalId(),
                Fn.split(",", Fn.join(",", List.of(dbClientSecurityGroup.getAttrGroupId(),
                        Fn.join(",", parameters.extraSecurityGroupIds.getValueAsList())))),
                List.of(dbClientSecurityGroup.getAttrGroupId())));
        cfn.setVpcConfig(CfnFunction.VpcConfigProperty.builder()
                .subnetIds(parameters.privateSubnetIds.getValueAsList())
                .securityGroupIds(securityGroups)
                .build());
        // What AWSLambdaVPCAccessExecutionRole grants, inline: these EC2 calls have no
        // resource-level scoping that a deploy-time subnet list could express.
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                        "ec2:UnassignPrivateIpAddresses"))
                .resources(List.of("*"))
                .build());
    }

    private static List<CfnSecurityGroup.EgressProperty> egressRules(List<Integer> databasePorts) {
        List<CfnSecurityGroup.EgressProperty> rules = new ArrayList<>();
        rules.add(CfnSecurityGroup.EgressProperty.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIp("0.0.0.0/0").description("HTTPS to AWS APIs (DynamoDB, Secrets Manager)").build());
        for (int port : new TreeSet<>(databasePorts)) {
            rules.add(CfnSecurityGroup.EgressProperty.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                    .cidrIp("0.0.0.0/0").description("JDBC to the databases").build());
        }
        return rules;
    }

    /**
     * Every step must have its handler class in the jar, {@code io.cutover.handler.<group>.<Step>Handler}
     * (groups: one per runbook, plus operations): a typo or a missing class fails here, not at run time.
     *
     * @return the handler class name of each step
     */
    static Map<String, String> requireHandlers(Path jar, Collection<String> stepNames) {
        Map<String, String> handlers = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        Map<String, String> inJar = new LinkedHashMap<>();
        java.util.regex.Pattern handlerEntry = java.util.regex.Pattern.compile("io/cutover/handler/[a-z]+/(\\w+)Handler\\.class");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(java.util.zip.ZipEntry::getName).map(handlerEntry::matcher).filter(java.util.regex.Matcher::matches)
                    .forEach(m -> inJar.put(m.group(1), m.group().replace('/', '.').replace(".class", "")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lambda jar " + jar, e);
        }
        for (String step : stepNames) {
            if (inJar.containsKey(step)) handlers.put(step, inJar.get(step));
            else missing.add(step);
        }
        if (!missing.isEmpty()) {
            StringBuilder msg = new StringBuilder("No handler class in ").append(jar).append(" for:");
            for (String step : missing) {
                msg.append(System.lineSeparator()).append("  ${").append(AslDefinition.placeholderOf(step))
                        .append("} -> io.cutover.handler.<group>.").append(step).append("Handler");
            }
            msg.append(System.lineSeparator()).append("Each ${<Step>FunctionArn} placeholder needs a class "
                    + "io.cutover.handler.<group>.<Step>Handler (RequestStreamHandler) in the functions module; rebuild the jar.");
            throw new IllegalStateException(msg.toString());
        }
        return handlers;
    }

    public StepFunction step(String name) {
        StepFunction s = steps.get(name);
        if (s == null) throw new IllegalArgumentException("No function for step " + name);
        return s;
    }

    public Collection<StepFunction> all() {
        return steps.values();
    }
}
