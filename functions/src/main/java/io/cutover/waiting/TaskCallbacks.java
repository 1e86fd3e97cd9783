package io.cutover.waiting;

/** Port: completes a Step Functions task token (SendTaskSuccess / SendTaskFailure). */
public interface TaskCallbacks {

    /** @return false if the token is no longer valid (already completed, timed out, execution ended) */
    boolean succeed(String taskToken, String outputJson);

    /** @return false if the token is no longer valid */
    boolean fail(String taskToken, String error, String cause);
}
