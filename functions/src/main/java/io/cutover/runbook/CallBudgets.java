package io.cutover.runbook;

import java.time.Duration;

/**
 * Where a step's {@link CallBudget} comes from: the Lambda call's remaining time (from its
 * context) less a margin that leaves room for the unit of work in progress, the step's reply and
 * the run record (outside Lambda the handler passes the step's deployed timeout instead). Tests
 * give a fixed (tiny) budget instead, to make a step take several calls.
 *
 * @param margin kept back from the call's remaining time (ignored when {@code fixed} is set)
 * @param fixed  the budget of every call whatever the remaining time, or null
 */
public record CallBudgets(Duration margin, Duration fixed) {
    /** Default margin: one unit of work (a chunk wave's re-checks, one index build) plus the reply. */
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);

    public CallBudgets {
        if (fixed == null && (margin == null || margin.isNegative())) {
            throw new IllegalArgumentException("call budgets: margin must be zero or more");
        }
    }

    /** Production: the call's remaining time less {@link #DEFAULT_MARGIN}. */
    public static CallBudgets lambda() {
        return new CallBudgets(DEFAULT_MARGIN, null);
    }

    /** The same budget for every call (tests: {@code Duration.ZERO} is one unit of work a call). */
    public static CallBudgets fixed(Duration budget) {
        return new CallBudgets(Duration.ZERO, budget);
    }

    /** @param timeLeft the call's remaining time */
    public CallBudget forCall(Duration timeLeft) {
        if (fixed != null) return CallBudget.of(fixed);
        if (timeLeft == null) throw new IllegalArgumentException("call budget: the call's remaining time is missing");
        Duration budget = timeLeft.minus(margin);
        return CallBudget.of(budget.isNegative() ? Duration.ZERO : budget);
    }
}
