package io.cutover.infra;

import io.cutover.catalog.Step;
import io.cutover.catalog.StepCatalog;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
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
import io.cutover.catalog.HandlerGroup;
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
 * One Lambda function per step of the step catalog, all from the one shaded jar. Each function
 * has its own role (least privilege per step: {@link Permissions} fills it from the catalog),
 * its runbook's log group (JSON logs: one place for a run's lines, which carry runId and step -
 * and one log group per step would take 80 of the stack's 500 resources), and a {@code live}
 * alias on a published version: SnapStart
 * only applies to published versions, and the state machines and EventBridge call the alias,
 * never {@code $LATEST}.
 */
public final class StepLambdas extends Construct {
    /** Read by the Preflight handler (the name is the handler's constant). */
    static final String PROMOTABLE_TAG_ENV = "CUTOVER_PROMOTABLE_TAG";

    public static final String ALIAS_NAME = "live";

    /** A deployed step. */
    public record StepFunction(Step step, Function function, Alias alias, Role role, LogGroup logGroup) {
    }

    private final Map<String, StepFunction> steps = new LinkedHashMap<>();
    private final Map<HandlerGroup, LogGroup> logGroups = new java.util.EnumMap<>(HandlerGroup.class);
    /** Security group of the JDBC steps; databases must allow it in (see DEPLOY.md). */
    public final CfnSecurityGroup dbClientSecurityGroup;

    public StepLambdas(Construct scope, String id, Collection<Step> deployed, Path lambdaJar, Tables tables,
                       DeployParameters parameters) {
        super(scope, id);
        requireHandlers(lambdaJar, deployed);
        Code code = Code.fromAsset(lambdaJar.toString());

        dbClientSecurityGroup = CfnSecurityGroup.Builder.create(this, "DbClientSecurityGroup")
                .vpcId(parameters.vpcId.getValueAsString())
                .groupDescription("cutover JDBC steps: outbound to the databases and HTTPS to AWS APIs only")
                .securityGroupEgress(egressRules(parameters.databasePorts))
                .build();
        dbClientSecurityGroup.overrideLogicalId("DbClientSecurityGroup");

        for (Step step : deployed) {
            steps.put(step.name(), create(step, code, tables, parameters));
        }
    }

    private StepFunction create(Step step, Code code, Tables tables, DeployParameters parameters) {
        Construct scope = new Construct(this, step.name());
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("cutover step " + step.name() + ": " + step.purpose())
                .build();
        LogGroup logGroup = logGroups.computeIfAbsent(step.group(), group -> LogGroup.Builder.create(this,
                        "Logs" + logIdOf(group))
                .retention(RetentionDays.ONE_YEAR)
                // Logs are the audit trail of a cutover: they stay after the stack is gone.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build());
        Function function = Function.Builder.create(scope, "Function")
                .description("cutover " + step.name() + ": " + step.purpose())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(step.handlerMethod())
                .code(code)
                .memorySize(step.memoryMb())
                .timeout(Duration.seconds(step.timeoutSeconds()))
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
        cfn.overrideLogicalId(step.name() + "Function");

        if (step.jdbc()) placeInVpc(cfn, parameters);

        // CDK warns that SnapStart needs a published version: the alias below publishes one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published through currentVersion and invoked only through the live alias");
        Alias alias = Alias.Builder.create(scope, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        return new StepFunction(step, function, alias, role, logGroup);
    }

    /** PROMOTE_REPLICA -> PromoteReplica: the log group's id in the template. */
    private static String logIdOf(HandlerGroup group) {
        StringBuilder id = new StringBuilder();
        for (String word : group.name().split("_")) {
            id.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return id.toString();
    }

    /**
     * The JDBC steps reach the databases from the given private subnets. The parameters are
     * deploy-time lists, so the VPC config is set on the L1 resource. The network interface
     * permissions Lambda checks when it creates the function are in the role's default policy
     * (the catalog's Lambda calls of a JDBC step), which the function depends on.
     */
    private void placeInVpc(CfnFunction cfn, DeployParameters parameters) {
        List<String> securityGroups = Token.asList(Fn.conditionIf(
                parameters.hasExtraSecurityGroups.getLogicalId(),
                Fn.split(",", Fn.join(",", List.of(dbClientSecurityGroup.getAttrGroupId(),
                        Fn.join(",", parameters.extraSecurityGroupIds.getValueAsList())))),
                List.of(dbClientSecurityGroup.getAttrGroupId())));
        cfn.setVpcConfig(CfnFunction.VpcConfigProperty.builder()
                .subnetIds(parameters.privateSubnetIds.getValueAsList())
                .securityGroupIds(securityGroups)
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

    /** Every step must have its handler class in the jar: a typo or a missing class fails here, not at run time. */
    static void requireHandlers(Path jar, Collection<Step> deployed) {
        Set<String> missing = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Step step : deployed) {
                if (zip.getEntry(step.handlerClass().replace('.', '/') + ".class") == null) {
                    missing.add("  " + step.name() + " -> " + step.handlerClass());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lambda jar " + jar, e);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No handler class in " + jar + " for:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), missing) + System.lineSeparator()
                    + "Fix the step's handler in " + StepCatalog.class.getName() + ", or rebuild the jar.");
        }
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
