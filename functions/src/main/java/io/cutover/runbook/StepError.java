package io.cutover.runbook;

/**
 * What a Catch writes ({@code ResultPath: $.error}, JSON fields {@code Error} and {@code Cause}):
 * the error name and, for a Lambda failure, the runtime's JSON error as the cause.
 */
public record StepError(String error, String cause) {
}
