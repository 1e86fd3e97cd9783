package io.cutover.runbook;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long one step call may keep starting work: a Lambda call ends at its timeout (the step catalog's), so a
 * step whose work can outlast it does whole units of work until its budget is spent, then returns
 * where it stopped and the state machine calls it again. A call always does at least one unit
 * (so a budget of zero still moves on, one unit a call); the budget is checked between units, so
 * it must leave room for one unit before the call's real end ({@link CallBudgets#margin()}).
 */
public final class CallBudget {
    /** What a unit of work gets at least: a probe statement's bound (JDBC statement timeout, 30 s). */
    public static final Duration LEAST_FOR_A_UNIT = Duration.ofSeconds(30);

    private final LongSupplier nanoTime;
    private final long deadline;
    private final boolean unlimited;

    private CallBudget(LongSupplier nanoTime, Duration budget) {
        this.nanoTime = nanoTime;
        this.unlimited = budget == null;
        this.deadline = unlimited ? Long.MAX_VALUE : nanoTime.getAsLong() + Math.max(0, budget.toNanos());
    }

    /** From now, on the monotonic clock. */
    public static CallBudget of(Duration budget) {
        if (budget == null) throw new IllegalArgumentException("call budget: duration is missing");
        return new CallBudget(System::nanoTime, budget);
    }

    /** On a given clock (tests). */
    public static CallBudget of(Duration budget, LongSupplier nanoTime) {
        return new CallBudget(nanoTime, budget);
    }

    /** No limit: everything in one call (tools and benchmarks outside Lambda). */
    public static CallBudget unlimited() {
        return new CallBudget(System::nanoTime, null);
    }

    /** Time is up: start no further unit of work in this call. */
    public boolean spent() {
        return !unlimited && nanoTime.getAsLong() >= deadline;
    }

    /** Whether this call has a limit at all. */
    public boolean limited() {
        return !unlimited;
    }

    /**
     * How long one unit of work started now may run: what is left (the margin behind the budget
     * covers the reply), never less than {@link #LEAST_FOR_A_UNIT} (a call whose budget is spent still does its
     * first unit); null without a limit (the adapter's own bound applies).
     */
    public Duration forOneUnit() {
        if (unlimited) return null;
        Duration left = left();
        return left.compareTo(LEAST_FOR_A_UNIT) < 0 ? LEAST_FOR_A_UNIT : left;
    }

    /** What is left (zero once spent; very long when unlimited). */
    public Duration left() {
        if (unlimited) return Duration.ofDays(365);
        return Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong()));
    }

    @Override
    public String toString() {
        return unlimited ? "unlimited" : left().toMillis() + " ms left";
    }
}
