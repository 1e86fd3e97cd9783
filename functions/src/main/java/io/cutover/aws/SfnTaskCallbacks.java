package io.cutover.aws;

import io.cutover.waiting.TaskCallbacks;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * {@link TaskCallbacks} on Step Functions: SendTaskSuccess / SendTaskFailure.
 *
 * <p>A token that is gone (completed by a duplicate event, timed out, execution ended) is an
 * ordinary outcome for an event handler, so it is {@code false}, not an exception.
 */
public final class SfnTaskCallbacks implements TaskCallbacks {

    static final String SERVICE = "StepFunctions";
    /** SendTaskFailure limits (API reference): longer values are refused, not cut. */
    static final int MAX_ERROR = 256;
    static final int MAX_CAUSE = 32768;

    private final SfnClient sfn;

    public SfnTaskCallbacks(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public boolean succeed(String taskToken, String outputJson) {
        String output = outputJson == null ? "{}" : outputJson;
        return send("SendTaskSuccess", () -> sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output(output)));
    }

    @Override
    public boolean fail(String taskToken, String error, String cause) {
        return send("SendTaskFailure", () -> sfn.sendTaskFailure(r -> r.taskToken(taskToken)
                .error(truncate(error, MAX_ERROR)).cause(truncate(cause, MAX_CAUSE))));
    }

    private static boolean send(String operation, Runnable call) {
        try {
            call.run();
            return true;
        } catch (TaskDoesNotExistException | TaskTimedOutException | InvalidTokenException e) {
            return false;
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, operation, e);
        }
    }

    /** Cuts to at most max chars without splitting a surrogate pair. */
    static String truncate(String value, int max) {
        if (value == null || value.length() <= max) return value;
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
