package io.cutover.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * An AWS call that failed, named by service, operation and AWS error code so that a step's
 * failure in the execution history says what AWS refused, and whether trying again can help.
 *
 * <p>The message is built from the AWS error code and message only, never from request
 * parameters, so it cannot carry anything the caller sent (such as a secret).
 */
public class AwsCallException extends RuntimeException {

    /** Throttling codes the SDK does not count as throttling (it knows Throttling, RequestLimitExceeded, ...). */
    private static final Set<String> MORE_TRANSIENT_CODES = Set.of("KMSThrottlingFault");

    private final String service;
    private final String operation;
    private final String errorCode;
    private final int statusCode;
    private final boolean transientFailure;

    /** Classifies the failure from the SDK exception alone. */
    public static AwsCallException of(String service, String operation, SdkException cause) {
        return new AwsCallException(service, operation, cause, isTransient(cause));
    }

    /** For callers that know better than the error code (e.g. RDS state errors during a passing state). */
    public AwsCallException(String service, String operation, SdkException cause, boolean transientFailure) {
        super(message(service, operation, cause), cause);
        this.service = service;
        this.operation = operation;
        this.errorCode = errorCode(cause);
        this.statusCode = cause instanceof SdkServiceException s ? s.statusCode() : 0;
        this.transientFailure = transientFailure;
    }

    public String service() { return service; }

    public String operation() { return operation; }

    /** The AWS error code (e.g. "DBInstanceNotFound"); null when no response came (network, timeout). */
    public String errorCode() { return errorCode; }

    /** HTTP status of the error response; 0 when no response came. */
    public int statusCode() { return statusCode; }

    /** True when the same call may succeed later: throttling, 5xx, network, or a passing resource state. */
    public boolean isTransient() { return transientFailure; }

    /** The one rule for SDK failures: no answer, throttling, 5xx, or what the SDK itself would retry. */
    public static boolean isTransient(SdkException e) {
        if (e instanceof SdkClientException) return true; // no answer from AWS (connection, timeout)
        if (e instanceof AwsServiceException s) {
            return s.isThrottlingException() || s.statusCode() >= 500
                    || MORE_TRANSIENT_CODES.contains(errorCode(s));
        }
        return e.retryable();
    }

    private static String errorCode(SdkException e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorCode() : null;
    }

    private static String message(String service, String operation, SdkException e) {
        StringBuilder m = new StringBuilder(service).append(' ').append(operation).append(" failed: ");
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            m.append(s.awsErrorDetails().errorCode())
                    .append(" (HTTP ").append(s.statusCode());
            if (s.requestId() != null) m.append(", request ").append(s.requestId());
            m.append(")");
            String awsMessage = s.awsErrorDetails().errorMessage();
            if (awsMessage != null && !awsMessage.isBlank()) m.append(": ").append(awsMessage);
        } else {
            m.append(e.getMessage());
        }
        return m.toString();
    }
}
