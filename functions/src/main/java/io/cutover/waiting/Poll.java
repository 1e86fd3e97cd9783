package io.cutover.waiting;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits inside one Lambda call for something that usually comes within a second or two (a row
 * replicated by CDC, a task leaving {@code starting}). Longer waits belong to the state machine's
 * Wait states, which cost nothing - but a Wait state is whole seconds, so a step inside the freeze
 * that hands back to one holds the applications for at least that long.
 */
public final class Poll {
    public static final Duration EVERY = Duration.ofMillis(100);
    /** The longest a step waits in one call before handing back to a Wait state. */
    public static final Duration MAX_IN_CALL = Duration.ofSeconds(20);

    private Poll() {
    }

    /** @return true as soon as {@code done} says so; false when the budget is spent */
    public static boolean until(Duration budget, BooleanSupplier done) {
        return until(budget, EVERY, EVERY, done);
    }

    /**
     * Asks {@code done} at once, then after {@code first}, the pause doubling up to {@code most}
     * (quick answers are seen quickly; a slow API is not asked more than every {@code most}).
     *
     * @return true as soon as {@code done} says so; false when the budget is spent
     */
    public static boolean until(Duration budget, Duration first, Duration most, BooleanSupplier done) {
        return until(budget, first, most, done, Time.SYSTEM);
    }

    /** Where the wait reads the time and sleeps: the system's, or a test's that does not depend on the machine's speed. */
    interface Time {
        Time SYSTEM = new Time() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration pause) throws InterruptedException {
                Thread.sleep(pause);
            }
        };

        long nanoTime();

        void sleep(Duration pause) throws InterruptedException;
    }

    static boolean until(Duration budget, Duration first, Duration most, BooleanSupplier done, Time time) {
        long deadline = time.nanoTime() + budget.toNanos();
        long pause = first.toNanos();
        while (true) {
            if (done.getAsBoolean()) return true;
            long left = deadline - time.nanoTime();
            if (left <= 0) return false;
            try {
                time.sleep(Duration.ofNanos(Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, most.toNanos());
        }
    }

    public static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
