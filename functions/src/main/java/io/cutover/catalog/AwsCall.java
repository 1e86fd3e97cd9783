package io.cutover.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One action IAM authorizes for a step, on what, under which conditions, and why.
 *
 * @param action    IAM action, e.g. {@code dms:CreateEndpoint}
 * @param resources what IAM checks the action against; one resource type per entry (an action
 *                  with two required resource types, like dms:TestConnection, lists both)
 * @param guards    conditions the policy statement puts on the call
 * @param origin    who makes the request
 * @param cause     for {@link Origin#SERVICE}: the call of ours AWS authorizes it for, e.g.
 *                  {@code dms:CreateEndpoint}; null otherwise
 */
public record AwsCall(String action, List<AwsResource> resources, Set<Guard> guards, Origin origin, String cause) {

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Z][A-Za-z0-9]+");

    /** Who makes the request that IAM authorizes against the function's role. */
    public enum Origin {
        /** Our code, through an AWS SDK client. */
        CODE,
        /** An AWS service, while serving one of our calls (iam:PassRole, DMS validating a secret). */
        SERVICE,
        /** The Lambda service for the function: logs, VPC network interfaces, the failure destination. */
        LAMBDA
    }

    public AwsCall {
        Objects.requireNonNull(action, "action");
        if (!ACTION.matcher(action).matches()) throw new IllegalArgumentException("not an IAM action: " + action);
        if (resources.isEmpty()) throw new IllegalArgumentException(action + ": name a resource (NO_RESOURCE_TYPE for '*')");
        if (resources.contains(AwsResource.NO_RESOURCE_TYPE) && resources.size() > 1) {
            throw new IllegalArgumentException(action + ": NO_RESOURCE_TYPE stands alone");
        }
        resources = List.copyOf(resources);
        guards = guards.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(guards));
        Objects.requireNonNull(origin, "origin");
        if ((origin == Origin.SERVICE) != (cause != null)) {
            throw new IllegalArgumentException(action + ": a SERVICE call names the call it is authorized for, others do not");
        }
    }

    /** A call our code makes. */
    public static AwsCall code(String action, AwsResource... resources) {
        return new AwsCall(action, List.of(resources), Set.of(), Origin.CODE, null);
    }

    /** The same call with a condition on its statement. */
    public AwsCall guardedBy(Guard guard) {
        Set<Guard> all = EnumSet.of(guard);
        all.addAll(guards);
        return new AwsCall(action, resources, all, origin, cause);
    }

    /** An authorization AWS makes with the function's credentials while serving {@code cause}. */
    public static AwsCall service(String action, String cause, AwsResource... resources) {
        return new AwsCall(action, List.of(resources), Set.of(), Origin.SERVICE, cause);
    }

    /** A request the Lambda service makes with the function's role. */
    public static AwsCall lambda(String action, AwsResource... resources) {
        return new AwsCall(action, List.of(resources), Set.of(), Origin.LAMBDA, null);
    }

    /** {@code dms} of {@code dms:CreateEndpoint}. */
    public String service() {
        return action.substring(0, action.indexOf(':'));
    }

    /** {@code CreateEndpoint} of {@code dms:CreateEndpoint}: the API operation for a {@link Origin#CODE} call. */
    public String operation() {
        return action.substring(action.indexOf(':') + 1);
    }
}
