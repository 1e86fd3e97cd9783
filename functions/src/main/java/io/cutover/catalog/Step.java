package io.cutover.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Lambda step: what the CDK stack deploys, what the rehearsal wires locally, what IAM allows.
 *
 * @param name           the function's name in the ASL placeholders ({@code ${<name>FunctionArn}}) and the stack
 * @param group          where its handler class lives
 * @param handler        simple name of the handler class (a RequestStreamHandler in {@link HandlerGroup#handlerPackage()})
 * @param useCase        fully qualified name of the use case the handler runs
 * @param purpose        one line for people (function and role descriptions, docs)
 * @param memoryMb       Java gets CPU in proportion to memory; AWS-API-only steps are I/O bound
 * @param timeoutSeconds well under the ASL's TimeoutSeconds, so a stuck call fails in Lambda first
 * @param jdbc           opens JDBC connections to the databases, so runs in the VPC
 * @param invocation     who invokes it
 * @param calls          the AWS requests its code makes, and those AWS authorizes on their behalf
 */
public record Step(String name, HandlerGroup group, String handler, String useCase, String purpose, int memoryMb,
                   int timeoutSeconds, boolean jdbc, Invocation invocation, List<AwsCall> calls) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    public Step {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("step name must be PascalCase: " + name);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(useCase, "useCase");
        Objects.requireNonNull(invocation, "invocation");
        if (calls.stream().anyMatch(c -> c.origin() == AwsCall.Origin.LAMBDA)) {
            throw new IllegalArgumentException(name + ": the Lambda service's requests follow from jdbc and invocation");
        }
        calls = List.copyOf(calls);
    }

    /** e.g. {@code io.cutover.handler.PromoteReplicaHandler}. */
    public String handlerClass() {
        return group.handlerPackage() + "." + handler;
    }

    /** The Lambda handler string. */
    public String handlerMethod() {
        return handlerClass() + "::handleRequest";
    }

    /**
     * Everything the function's role must allow: {@link #calls()} plus the requests the Lambda
     * service makes with the role - log writes always, network interfaces in the VPC, the
     * failure queue of asynchronous invocations.
     */
    public List<AwsCall> roleCalls() {
        List<AwsCall> all = new ArrayList<>(calls);
        all.add(AwsCall.lambda("logs:CreateLogStream", AwsResource.OWN_LOG_GROUP));
        all.add(AwsCall.lambda("logs:PutLogEvents", AwsResource.OWN_LOG_GROUP));
        if (jdbc) {
            // What AWSLambdaVPCAccessExecutionRole grants.
            all.add(AwsCall.lambda("ec2:CreateNetworkInterface", AwsResource.NETWORK_INTERFACE, AwsResource.SUBNET));
            all.add(AwsCall.lambda("ec2:DescribeNetworkInterfaces", AwsResource.NO_RESOURCE_TYPE));
            all.add(AwsCall.lambda("ec2:DescribeSubnets", AwsResource.NO_RESOURCE_TYPE));
            all.add(AwsCall.lambda("ec2:DeleteNetworkInterface", AwsResource.NETWORK_INTERFACE));
            all.add(AwsCall.lambda("ec2:AssignPrivateIpAddresses", AwsResource.NETWORK_INTERFACE));
            all.add(AwsCall.lambda("ec2:UnassignPrivateIpAddresses", AwsResource.NETWORK_INTERFACE));
        }
        if (invocation == Invocation.EVENT_RULE) {
            all.add(AwsCall.lambda("sqs:SendMessage", AwsResource.FAILURE_QUEUE));
        }
        return List.copyOf(all);
    }

    /** True if any role call needs the resource (e.g. the stack's nag suppressions per wildcard). */
    public boolean uses(AwsResource resource) {
        return roleCalls().stream().anyMatch(c -> c.resources().contains(resource));
    }

    public boolean has(String action) {
        return roleCalls().stream().anyMatch(c -> c.action().equals(action));
    }
}
