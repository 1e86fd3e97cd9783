package io.cutover.switchover;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits inside one Lambda call for something that usually comes within a second or two (a row
 * replicated by CDC). Longer waits belong to the state machine's Wait states, which cost nothing.
 */
final class Poll {
    static final Duration EVERY = Duration.ofMillis(100);
    /** The longest a step waits in one call before handing back to a Wait state. */
    static final Duration MAX_IN_CALL = Duration.ofSeconds(20);

    private Poll() {
    }

    /** @return true as soon as {@code done} says so; false when the budget is spent */
    static boolean until(Duration budget, BooleanSupplier done) {
        long deadline = System.nanoTime() + budget.toNanos();
        while (true) {
            if (done.getAsBoolean()) return true;
            if (System.nanoTime() >= deadline) return false;
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
