package io.cutover.runbook;

import java.util.List;

/**
 * Section {@code rollback}: the error and cause the Fail state after the rollback ends the
 * execution with ({@code ErrorPath: $.rollback.error}, {@code CausePath: $.rollback.cause}).
 */
public record RolledBack(String error, String cause, String failedStep, List<String> routedBack, List<String> thawed) {
}
