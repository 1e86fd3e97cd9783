package io.cutover.runbook;

import java.time.Instant;

/**
 * Section {@code awaited}: what a {@code .waitForTaskToken} state got - the output the deciding
 * event handler sent (resource, kind, detail, when), or, when the wait timed out, the
 * {@code Error}/{@code Cause} its Catch wrote (then the step after it polls).
 */
public record Awaited(String resourceId, String kind, String detail, Instant observedAt, String error, String cause) {
}
