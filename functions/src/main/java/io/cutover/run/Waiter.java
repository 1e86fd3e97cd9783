package io.cutover.run;

import java.time.Instant;

/**
 * A step waiting for a resource to reach a state: the Step Functions task token stored under
 * the resource id, so an RDS/DMS event for that resource can find it.
 *
 * @param resourceId  DB instance identifier or DMS task ARN (what events name)
 * @param kind        what the waiter waits for
 */
public record Waiter(String resourceId, WaitKind kind, String runId, String taskToken, Instant since) {

    public enum WaitKind { PROMOTION_COMPLETE, TASK_RUNNING }
}
